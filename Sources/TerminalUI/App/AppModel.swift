import FlashCore
import TerminalKit

/// Everything the terminal UI shows and remembers; `App.update` is its only mutator.
///
/// The machine is a reference type, but only `update` touches it: operations run on a
/// scratch copy that then replaces it, so a failed save can never leave half an operation.
package struct AppModel {
    /// The panes Tab cycles through.
    package enum Pane: String, CaseIterable, Sendable {
        case pages, hex, options, index
    }

    /// The device as it is now (or, while stepping, as it was before the operation).
    package internal(set) var machine: Machine {
        didSet { contentsGeneration += 1 }
    }
    /// Shown in the title line: the device file's name.
    package let deviceName: String
    package internal(set) var size: Size
    /// The address under the cursor (non-secure alias); the selected page is the one holding it.
    package internal(set) var cursor: UInt32
    package internal(set) var focus: Pane = .pages
    /// First hex row shown (rows of the selected page).
    package internal(set) var hexTop = 0
    /// Selected row of the option bytes panel and the first row shown.
    package internal(set) var optionRow = 0
    package internal(set) var optionTop = 0
    package internal(set) var prompt: ActivePrompt?
    package internal(set) var confirmation: PendingConfirmation?
    /// The log viewer (`m`), when open.
    package internal(set) var logViewer: LogViewer?
    /// The trace of the last operation this session saved, for the log viewer.
    package internal(set) var lastTrace: SessionTrace?
    /// The device's history, one line an operation, as the runner last read it (nil until asked).
    package internal(set) var history: [String]?
    /// First row of the help overlay, or nil when it is closed.
    package internal(set) var helpTop: Int?
    /// When on, the next device operation is stepped instead of committed.
    package internal(set) var stepArmed = false
    package internal(set) var stepping: StepSession?
    /// The algorithm erase and program use.
    package internal(set) var algorithm = FlashEngine.defaultAlgorithm
    /// Names of the algorithms the front end offers beside the built-in ones (`tui --algorithm-file`);
    /// `a` cycles through them too, and the runner's executor builds them.
    package let offeredAlgorithms: [String]
    /// The operation working off the update loop, if any: the screen shows its progress.
    package internal(set) var running: RunningOperation?
    /// The id the next job gets, so late messages of an earlier one are told apart.
    var nextJobID = 1
    /// The file last read for programming: the page map and `]`/`[` compare against it.
    package internal(set) var loadedFile: LoadedFile? {
        didSet { contentsGeneration += 1 }
    }
    /// Counts replacements of the machine and of the loaded file, so a comparison started before
    /// one is known to be stale.
    private(set) var contentsGeneration = 0
    package internal(set) var search: ByteSearch.Pattern?
    /// Marks set with `` ` `` and a letter this session.
    package internal(set) var marks: [Character: UInt32] = [:]
    /// Where the cursor was before the last jump (a mark, a region jump, `g`): `''` goes back there.
    package internal(set) var jumpedFrom: UInt32?
    /// `` ` `` or `'` was pressed: the next key names the mark.
    var pendingMark: App.MarkKey?
    /// The diff view (`d`), when open.
    package internal(set) var diffView: DiffView?
    /// A `w` save the runner is writing.
    var pendingSave: PendingSave?
    package internal(set) var status: StatusMessage? {
        didSet {
            guard let status, status != oldValue else { return }
            keep(status)
        }
    }

    /// Adds a line to the session's messages, dropping the oldest beyond `messageLimit`.
    mutating func keep(_ message: StatusMessage) {
        messages.append(message)
        if messages.count > Self.messageLimit { messages.removeFirst(messages.count - Self.messageLimit) }
    }
    /// The status messages of this session, oldest first: the messages panel and the log viewer show them whole.
    package internal(set) var messages: [StatusMessage] = []
    /// Messages kept; older ones are dropped.
    package static let messageLimit = 500
    package internal(set) var quitRequested = false
    /// The page-index report for the cursor, kept until the cursor or option bytes change.
    package internal(set) var pageIndex: PageIndexReport?
    /// Sectors per cell asked for on the OCTOSPI map with `+`/`-`; nil (or more than fit) shows the whole flash.
    package internal(set) var ospiZoom: Int?
    /// The OCTOSPI map's sector states, remade only when the machine or the loaded file changes.
    package internal(set) var ospiMap: OctoSPIMap?
    /// The bank maps' page states, remade only when the machine, the step or the loaded file changes.
    package internal(set) var pageMaps: FlashPageMaps?
    /// The option bytes panel's rows, remade only when the option bytes change.
    package internal(set) var optionPanel: OptionPanelRows?
    /// A state that arrived from the store while stepping; applied when the stepping ends.
    var deferredReload: DeviceState?
    /// The chip as served to debug clients (`tui --remote-bitbang/--gdb`); nil when not serving.
    package internal(set) var served: ServedView?
    /// The real board shown (`tui --attach`); nil for a device file.
    package internal(set) var attached: AttachedView?

    package init(
        state: DeviceState, deviceName: String, size: Size = Size(width: 80, height: 24),
        offeredAlgorithms: [String] = [], served: ServedView? = nil, attached: AttachedView? = nil
    ) {
        self.served = served
        self.attached = attached
        machine = Machine(state: state)
        self.deviceName = deviceName
        self.size = size
        self.offeredAlgorithms = offeredAlgorithms
        cursor = FlashLayout.nonSecureBase
        App.refreshDerived(&self)
    }

    /// The machine the screen shows: the replay while stepping, else the device.
    package var shownMachine: Machine { stepping?.replayer.machine ?? machine }

    /// The page holding the cursor under the shown layout (nil on the OCTOSPI flash).
    package var cursorLocation: FlashLocation? {
        FlashRegion.of(cursor) == .flash ? try? shownMachine.layout.locate(cursor) : nil
    }

    /// Where the cursor is in the system memory (OTP, UID, ..., DBGMCU), or nil.
    package var systemLocation: SystemLocation? {
        FlashRegion.of(cursor) == .system ? try? SystemArea.locate(cursor) : nil
    }

    /// Where the cursor is on the OCTOSPI flash, or nil when it is on the embedded flash.
    package var ospiLocation: OctoSPILocation? {
        guard FlashRegion.of(cursor) == .ospi, let geometry = shownMachine.ospi?.flash.geometry else { return nil }
        return try? OctoSPILocation.locate(cursor, geometry: geometry)
    }
}

/// A file read for programming, kept for comparison.
package struct LoadedFile: Equatable, Sendable {
    package var name: String
    package var image: MemoryImage

    package init(name: String, image: MemoryImage) {
        self.name = name
        self.image = image
    }
}

/// The line under the title: what the last action did.
package struct StatusMessage: Equatable, Sendable {
    package var text: String
    package var isError: Bool

    package init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// A one-line prompt and what its answer is for.
package struct ActivePrompt: Sendable {
    package enum Purpose: Sendable, Equatable {
        case goTo
        case search
        case programFile
        case programAddress(path: String)
        case editOption(field: String)
        case stepCount
        /// `w`: the range to save, then the file (`replacing` names a file already there that Enter replaces).
        case saveRange
        case saveFile(start: UInt32, count: Int, replacing: String?)
    }

    package var purpose: Purpose
    package var state: PromptState
}

/// An operation waiting for y/n.
package struct PendingConfirmation: Sendable, Equatable {
    package var question: String
    package var details: [String]
    /// What a plan says goes wrong or is lost beyond the request: shown as warnings, and the
    /// confirmation then takes a second `y`.
    package var warnings: [String] = []
    /// The first `y` of a warned confirmation was pressed.
    package var armed = false
    package var operation: DeviceOperation
    /// A step no real part can take back (RDP level 2): drawn as a warning, confirmed only with `Y`.
    package var irreversible = false
    /// It runs on a real chip (`tui --attach --live`): the prediction is drawn in the warning role.
    package var onChip = false
}

/// Work running off the update loop (a device operation, or `v`/`d` comparing the loaded file),
/// as far as it has told.
package struct RunningOperation: Sendable, Equatable {
    package enum Work: Sendable, Equatable {
        case operation(OperationJob)
        case comparison(ComparisonJob)
    }

    package var work: Work
    /// For a plan: the question to ask once it has said what the operation would do.
    package var confirmation: PendingConfirmation?
    package var done = 0
    package var total = 0
    /// Cancel was asked for; the job stops at its next sector (or 64 KiB compared).
    package var cancelling = false

    package init(job: OperationJob, confirmation: PendingConfirmation? = nil) {
        work = .operation(job)
        self.confirmation = confirmation
    }

    package init(comparison: ComparisonJob) {
        work = .comparison(comparison)
    }

    package var id: Int {
        switch work {
        case .operation(let job): job.id
        case .comparison(let job): job.id
        }
    }

    /// A few words for the progress line.
    package var title: String {
        switch work {
        case .operation(let job): job.title
        case .comparison(let job): job.title
        }
    }

    /// What the progress counts.
    package var unit: String {
        if case .comparison = work { "KiB" } else { "sectors" }
    }
}
