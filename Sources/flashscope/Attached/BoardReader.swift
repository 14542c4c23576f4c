import Attach
import FlashCore
import Foundation
import GDBRemote
import TerminalUI

/// `tui --attach`: reads the board on a thread of its own, lazily. The option registers come
/// first (read when attaching), then what the user looks at, then the rest of the embedded flash
/// and OTP in address order a `BoardSnapshot.step` at a time; the OCTOSPI window only for the
/// sectors the user looks at (64 MiB would take minutes). The screen sees the board only through
/// what this posts to its mailbox and steers it only through `BoardControl`.
///
/// Threading: after `start`, the session (its GDB client) and the board picture are touched only by
/// the reader's thread; the request queue is the one thing both threads share, and it is locked.
final class BoardReader: BoardControl, @unchecked Sendable {
    private let session: AttachSession
    private let options: AttachOptions
    private let post: @Sendable (AppMsg) -> Void
    private let requests = ReadRequests()
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    // The reader thread's own.
    private var identity: ChipIdentity
    private var state: DeviceState
    private var layout: FlashLayout
    private var read: Set<UInt32> = []
    private var refused: [AddressRange] = []
    private var readAt: String?
    private var noted = false
    private var lost = false

    /// The board's first picture: its part and option registers, no byte read yet.
    let initialState: DeviceState

    init(session: AttachSession, part: Part, options: AttachOptions, post: @escaping @Sendable (AppMsg) -> Void) {
        self.session = session
        self.options = options
        self.post = post
        identity = session.identity
        state = DeviceState(part: part, effective: identity.options, pending: identity.options)
        layout = FlashLayout(part: part, options: identity.options, assumptions: state.assumptions)
        initialState = state
    }

    /// The bytes the reader reads on its own: the embedded flash and OTP.
    var total: Int { Int(state.part.flashSize) + Int(SystemArea.otpSize) }

    /// `STM32L552xC, RDP 0, core halted`.
    var board: String {
        "\(state.part.name), RDP \(identity.readout.name.dropFirst(6)), core \(identity.halted ? "halted" : "running")"
    }

    func start() {
        let thread = Thread { [self] in
            work()
            finished.signal()
        }
        thread.name = "flashscope attach"
        self.thread = thread
        thread.start()
    }

    /// Stops after the read under way and waits for the thread; then detaches.
    func stop() {
        if thread != nil {
            requests.stop()
            finished.wait()
            thread = nil
        }
        session.close()
    }

    func readFirst(_ range: AddressRange) { requests.readFirst(range) }
    func refresh(first range: AddressRange?) { requests.refresh(first: range) }
    func runLive(_ operation: DeviceOperation) { requests.runLive(operation) }

    // MARK: The reader's thread

    private func work() {
        noteReadout()
        send()
        while let request = requests.next(idle: lost || nextUnread() == nil) {
            guard !lost else { continue }
            do {
                switch request {
                case .first(let range): try readChunks(in: range)
                case .refresh(let range):
                    try reidentify()
                    if let range { try readChunks(in: range) }
                case .live(let operation): try runOnChip(operation)
                case .background: if let chunk = nextUnread() { try readChunk(chunk) }
                }
            } catch {
                lost = true
                post(.attached(.lost("\(error)")))
            }
            send()
        }
    }

    /// RDP level 1 or 2: the debugger cannot read the flash (reference §8); said once.
    private func noteReadout() {
        guard identity.readout.blocksFlashFromOutside else { return }
        let end = FlashLayout.nonSecureBase + state.part.flashSize - 1
        refused.append(AddressRange(from: FlashLayout.nonSecureBase, to: end))
        if !noted {
            noted = true
            post(
                .attached(
                    .log(
                        "the board is at RDP \(identity.readout.name.dropFirst(6)): its flash answers only code running "
                            + "from it, so the debugger cannot read it (shown as unreadable, not as erased)")))
        }
    }

    /// The chunk starts the reader reads on its own, in address order: the embedded flash, then OTP.
    private var ownChunks: [UInt32] {
        stride(from: 0, to: state.part.flashSize, by: BoardSnapshot.step).map { FlashLayout.nonSecureBase + $0 }
            + [SystemArea.otpBase]
    }

    /// Bytes of the reader's own chunks read or refused (a refused one is done: it cannot be read).
    private var done: Int {
        let flashEnd = FlashLayout.nonSecureBase + state.part.flashSize
        return ownChunks.filter { read.contains($0) || isRefusedFlash($0) }.reduce(0) { sum, chunk in
            sum
                + (chunk == SystemArea.otpBase
                    ? Int(SystemArea.otpSize) : min(BoardSnapshot.step, Int(flashEnd - chunk)))
        }
    }

    private func nextUnread() -> UInt32? { ownChunks.first { !read.contains($0) && !isRefusedFlash($0) } }

    private func isRefusedFlash(_ chunk: UInt32) -> Bool {
        FlashRegion.of(chunk) == .flash && refused.contains { $0.from <= chunk && chunk <= $0.to }
    }

    private func readChunks(in range: AddressRange) throws(AttachError) {
        for start in Self.chunks(of: range) {
            let chunk = UInt32(start)
            if !read.contains(chunk) { try readChunk(chunk) }
        }
    }

    /// The starts of the chunks overlapping `range`, in order.
    private static func chunks(of range: AddressRange) -> StrideThrough<UInt64> {
        let step = UInt64(BoardSnapshot.step)
        let first = UInt64(range.from) - UInt64(range.from) % step
        return stride(from: first, through: UInt64(range.to), by: Int(step))
    }

    /// Reads one chunk: flash bytes placed at their physical offsets, OTP with the UID, or an OCTOSPI sector.
    private func readChunk(_ chunk: UInt32) throws(AttachError) {
        let memory = session.client
        switch FlashRegion.of(chunk) {
        case .flash:
            guard !isRefusedFlash(chunk) else { return }
            let count = min(BoardSnapshot.step, Int(FlashLayout.nonSecureBase + state.part.flashSize - chunk))
            let bytes = try BoardSnapshot.readRange(memory, from: chunk, count: count, unreadable: &refused)
            BoardSnapshot.place(bytes, at: chunk, into: &state, layout: layout)
        case .ospi:
            guard state.part.hasOctoSPIFlash else { return }
            let bytes = try BoardSnapshot.readRange(
                memory, from: chunk, count: Int(MX25LM51245G.geometry.sectorSize), unreadable: &refused)
            let offset = chunk - FlashRegion.ospiBase
            state.ospi?.sectors[offset] = bytes.allSatisfy { $0 == 0xFF } ? nil : bytes
        default:
            guard chunk == SystemArea.otpBase else { return }
            state.otp = try BoardSnapshot.readRange(
                memory, from: SystemArea.otpBase, count: Int(SystemArea.otpSize), unreadable: &refused)
            if let uid = try BoardSnapshot.readUID(memory, unreadable: &refused) { state.uid = uid }
        }
        read.insert(chunk)
        readAt = Self.clock.string(from: Date())
    }

    /// `R`, and after option changes: the option registers again, every byte unread.
    private func reidentify() throws(AttachError) {
        let before = identity.options
        identity = try ChipIdentity.read(session.client)
        let changes = OptionChange.between(before, identity.options, staged: false)
        if !changes.isEmpty {
            post(.attached(.log("the option registers changed: " + changes.map(\.text).joined(separator: ", "))))
        }
        state = DeviceState(part: state.part, effective: identity.options, pending: identity.options)
        layout = FlashLayout(part: state.part, options: identity.options, assumptions: state.assumptions)
        read = []
        refused = []
        readAt = nil
        noteReadout()
    }

    /// A confirmed operation: `LiveRun` predicts it on the board as read, runs it on the chip and
    /// compares; then what it touched is read again.
    private func runOnChip(_ operation: DeviceOperation) throws(AttachError) {
        let title = operation.title
        guard let request = Self.request(operation) else {
            post(
                .attached(
                    .liveFinished(
                        LiveVerdict(title: title, divergences: [], stopped: "not on a live chip", accesses: 0))))
            return
        }
        let outcome: LiveOutcome
        do {
            outcome = try LiveRun.run(
                request, model: state, chip: session.client, chipOptions: identity.options,
                allowReset: options.allowReset, allowLockout: options.allowLockout)
        } catch {
            post(.attached(.liveFinished(LiveVerdict(title: title, divergences: [], stopped: "\(error)", accesses: 0))))
            switch error {
            case .lost(let client, _, _), .readBack(let client):
                if case .serverError = client { return }
                throw .connection(client)
            case .prediction, .risk: return
            }
        }
        post(
            .attached(
                .liveFinished(
                    LiveVerdict(
                        title: title, divergences: outcome.divergences.map(\.description),
                        chipFailure: outcome.chipFailure, accesses: outcome.accesses, trace: outcome.trace,
                        notes: outcome.timing + (outcome.departure.map { [$0] } ?? [])))))
        if case .options = request {
            try reidentify()
            return
        }
        for range in LiveCheck.touched(outcome.prediction) {
            for chunk in Self.chunks(of: range) { read.remove(UInt32(chunk)) }
            try readChunks(in: range)
        }
    }

    /// The live request for an operation the screen confirmed (`--live` offers E, P and the option bytes).
    static func request(_ operation: DeviceOperation) -> LiveRequest? {
        switch operation {
        case .erasePage(let address): .erase(from: address, length: nil)
        case .program(let file): .program(file.image)
        case .setOption(let name, let value): .options([OptionSetting(name, value)], launch: false)
        case .launch: .options([], launch: true)
        case .eraseSector, .eraseBank, .massErase, .eraseOctoSPIChip: nil
        }
    }

    private func send() {
        post(
            .attached(
                .board(
                    BoardPicture(
                        state: state, read: read, refused: refused, done: done, total: total, readAt: readAt,
                        board: board))))
    }

    private static let clock: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter
    }()
}

/// What the screen asks of the reader, kept under one lock: the range in view (the newest wins),
/// a refresh, a live operation, or the end.
final class ReadRequests: @unchecked Sendable {
    enum Request {
        case first(AddressRange)
        case refresh(AddressRange?)
        case live(DeviceOperation)
        /// Nothing asked: read the next chunk in address order.
        case background
    }

    private let condition = NSCondition()
    private var first: AddressRange?
    private var refreshing: AddressRange??
    private var live: [DeviceOperation] = []
    private var stopped = false

    func readFirst(_ range: AddressRange) {
        condition.withLock {
            first = range
            condition.broadcast()
        }
    }

    func refresh(first range: AddressRange?) {
        condition.withLock {
            refreshing = .some(range)
            first = nil
            condition.broadcast()
        }
    }

    func runLive(_ operation: DeviceOperation) {
        condition.withLock {
            live.append(operation)
            condition.broadcast()
        }
    }

    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// The next request, most urgent first; when `idle` (nothing left to read), waits for one.
    /// Nil once stopped.
    func next(idle: Bool) -> Request? {
        condition.withLock {
            while !stopped && idle && first == nil && refreshing == nil && live.isEmpty { condition.wait() }
            if stopped { return nil }
            if !live.isEmpty { return .live(live.removeFirst()) }
            if let range = refreshing {
                refreshing = nil
                return .refresh(range)
            }
            if let range = first {
                first = nil
                return .first(range)
            }
            return .background
        }
    }
}
