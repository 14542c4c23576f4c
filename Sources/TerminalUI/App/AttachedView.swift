import FlashCore

/// A real board behind a GDB server, as the screen shows it (`tui --attach`): which board, what
/// of it has been read (and when), what it refused, and whether operations run on it (`--live`).
/// The machine of the model holds the board's bytes as far as they have been read.
package struct AttachedView: Sendable, Equatable {
    /// `127.0.0.1:3333`.
    package var server: String
    /// `STM32L562xE, RDP 0, core halted`.
    package var board: String
    /// The size of one read: the reader reads, and reports, the board in steps of this many bytes.
    package let chunkSize: UInt32
    /// Erase, program and option changes run on the chip (`--live`).
    package let live: Bool
    /// The start addresses of the chunks read since the last refresh.
    package var read: Set<UInt32> = []
    /// What the board refused to read (readout protection): shown as unreadable, never as erased.
    package var refused: [AddressRange] = []
    /// Bytes read of the bytes the reader reads on its own (the embedded flash and OTP).
    package var done = 0
    package var total = 0
    /// The wall-clock time of the last read, as the reader gives it (`14:03:27`).
    package var readAt: String?
    /// What the update loop last asked the reader to read first.
    package var lookingAt: AddressRange?
    /// The live operation the reader is running on the chip.
    package var running: String?
    /// The connection is gone (the reason): nothing more is read.
    package var lost: String?
    /// Whether the OCTOSPI window at 0x90000000 answered a read when attaching (a board that maps
    /// no OCTOSPI flash does not): the OCTOSPI map says so instead of showing sectors.
    package var octoSPIAnswered = true

    package init(server: String, board: String, chunkSize: UInt32, live: Bool) {
        self.server = server
        self.board = board
        self.chunkSize = chunkSize
        self.live = live
    }

    /// Whether every chunk of `[start, start + count)` has been read.
    package func isRead(_ start: UInt32, count: UInt32) -> Bool {
        guard count > 0 else { return true }
        var chunk = start - start % chunkSize
        let end = UInt64(start) + UInt64(count)
        while UInt64(chunk) < end {
            if !read.contains(chunk) { return false }
            chunk &+= chunkSize
        }
        return true
    }

    /// How many OCTOSPI sectors have been read (the window is read only where the user looks).
    package var octoSPISectorsRead: Int { read.count { FlashRegion.of($0) == .ospi } }

    /// Whether the board refused any byte of `[start, start + count)`.
    package func isRefused(_ start: UInt32, count: UInt32) -> Bool {
        let end = UInt64(start) + UInt64(count)
        return refused.contains { UInt64($0.from) < end && UInt64($0.to) >= UInt64(start) }
    }
}

/// The board as the reader last read it: posted to the screen from the reader's thread.
package struct BoardPicture: Sendable, Equatable {
    /// The board as a device: its part and option registers, the bytes read so far (the rest erased).
    package var state: DeviceState
    package var read: Set<UInt32>
    package var refused: [AddressRange]
    package var done: Int
    package var total: Int
    package var readAt: String?
    /// `STM32L562xE, RDP 0, core halted`: the identity as last read (a refresh reads it again).
    package var board: String

    package init(
        state: DeviceState, read: Set<UInt32>, refused: [AddressRange], done: Int, total: Int, readAt: String?,
        board: String
    ) {
        self.state = state
        self.read = read
        self.refused = refused
        self.done = done
        self.total = total
        self.readAt = readAt
        self.board = board
    }
}

/// What a live operation on the chip came to.
package struct LiveVerdict: Sendable, Equatable {
    /// The operation, as the status line names it.
    package var title: String
    /// `bytes 0x08000808–0x0800080F (8): predicted …, the chip has …`, one per difference.
    package var divergences: [String]
    /// The chip's own failure (an algorithm entry point's return code), when it reported one.
    package var chipFailure: String?
    /// Why it stopped before a verdict (a lost connection names the last acknowledged access).
    package var stopped: String?
    package var accesses: Int
    /// The chip's accesses in the model's words, for the log viewer's trace.
    package var trace: [RenderedTraceEntry]
    /// Each busy wait on the chip beside the model's time, and where the chip's accesses left the model's.
    package var notes: [String]

    package init(
        title: String, divergences: [String], chipFailure: String? = nil, stopped: String? = nil, accesses: Int,
        trace: [RenderedTraceEntry] = [], notes: [String] = []
    ) {
        self.title = title
        self.divergences = divergences
        self.chipFailure = chipFailure
        self.stopped = stopped
        self.accesses = accesses
        self.trace = trace
        self.notes = notes
    }
}

/// What the reader of an attached board tells the screen; posted to the runner's mailbox from its thread.
package enum AttachedEvent: Sendable {
    /// The board as read so far (a newer picture replaces one not yet drawn).
    case board(BoardPicture)
    /// A line for the messages (RDP level 1 found, a refresh that changed the option registers).
    case log(String)
    /// The connection is gone; the text says why.
    case lost(String)
    case liveFinished(LiveVerdict)
}

/// What the runner asks of the board's reader; called from the UI thread.
package protocol BoardControl: AnyObject, Sendable {
    /// Read this range before the rest (the user looks at it).
    func readFirst(_ range: AddressRange)
    /// Read the option registers again and everything after them, `range` first.
    func refresh(first range: AddressRange?)
    /// Run a confirmed operation on the chip, then read back what it touched.
    func runLive(_ operation: DeviceOperation)
}
