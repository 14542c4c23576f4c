import DebugServer
import DeviceStore
import FlashCore
import Foundation
import TerminalUI

/// `tui` with listener options: the chip served on a thread of its own beside the screen. The
/// screen sees it only through what this posts to its mailbox (device states and register
/// snapshots, which are values) and steers it only through `ClientControl`.
///
/// Threading: after `start`, the chip (machine, target, journal) is touched only by the serving
/// thread; the hold gate is the one thing both threads share, and it is locked.
final class ScreenServer: ClientControl, @unchecked Sendable {
    private let chip: ServedChip
    private let watch: ClientWatch
    private let gate = HoldGate()
    private let stopLock = NSLock()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    /// The listener lines (`remote-bitbang 127.0.0.1:5555`).
    var listeners: [String] { chip.ready }

    init(
        store: DeviceStore, listeners: ListenerOptions, vendor: AlgorithmFileOptions,
        post: @escaping @Sendable (AppMsg) -> Void
    ) throws {
        let log: (String) -> Void = { line in post(.served(.log("serve: " + line))) }
        var watchReference: ClientWatch?
        chip = try ServedChip(store: store, listeners: listeners, vendor: vendor, log: log) { session, client in
            guard let watchReference else { return session }
            return WatchedSession(session, client: client, watch: watchReference)
        }
        watch = ClientWatch(machine: chip.machine, gate: gate, post: post)
        watchReference = watch
        chip.machine.bus.observer = watch
    }

    /// Serves on its own thread until `stop`.
    func start() {
        let thread = Thread { [self] in
            watch.postNow()
            ServeLoop(endpoints: chip.endpoints, log: { [watch] in watch.log($0) }).run { [self] in isStopping }
            do {
                try chip.journal.save()
            } catch {
                watch.log("cannot save the device: \(error)")
            }
            finished.signal()
        }
        thread.name = "flashscope serve"
        self.thread = thread
        thread.start()
    }

    /// Ends the clients' sessions, saves what they did, and waits for the serving thread.
    func stop() {
        guard thread != nil else { return }
        stopLock.withLock { stopping = true }
        gate.shutDown()
        finished.wait()
        thread = nil
    }

    private var isStopping: Bool { stopLock.withLock { stopping } }

    func setHolding(_ on: Bool) { gate.setHolding(on) }

    func releaseHeldAccess() { gate.releaseOne() }
}

/// Where the serving thread waits while the user holds the client: the client simply waits for its answer.
final class HoldGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var holding = false
    private var releases = 0
    private var closed = false

    /// Whether accesses are to be held now (read on the serving thread at each flash-controller access).
    var isHolding: Bool { condition.withLock { holding && !closed } }

    func setHolding(_ on: Bool) {
        condition.withLock {
            holding = on
            condition.broadcast()
        }
    }

    func releaseOne() {
        condition.withLock {
            releases += 1
            condition.broadcast()
        }
    }

    /// Lets everything through for good: the server is stopping.
    func shutDown() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// Blocks until the user steps, lets the client run, or the server stops.
    func waitForRelease() {
        condition.withLock {
            // A release that came before the wait (the user was quick) counts: it is this access's.
            while holding && !closed && releases == 0 { condition.wait() }
            if releases > 0 { releases -= 1 }
        }
    }
}

/// Watches the served bus on the serving thread: counts accesses, remembers the keys written, holds
/// the client at each flash-controller access when asked, and posts the chip to the screen a few
/// times a second (at once when it holds).
final class ClientWatch: BusObserver {
    /// The screen is told of changes at most this often while a client works.
    private static let interval: Duration = .milliseconds(100)
    private let machine: Machine
    private let gate: HoldGate
    private let post: @Sendable (AppMsg) -> Void
    private var accesses = 0
    private var posted = -1
    private var lastPost = ContinuousClock.now
    private var keys: [String: UInt32] = [:]
    private var previous: [String: UInt32] = [:]

    init(machine: Machine, gate: HoldGate, post: @escaping @Sendable (AppMsg) -> Void) {
        self.machine = machine
        self.gate = gate
        self.post = post
    }

    func log(_ line: String) { post(.served(.log("serve: " + line))) }

    func busDidAccess(_ bus: Bus, address: UInt32, isWrite: Bool) {
        accesses += 1
        guard Machine.isFlashControllerAddress(address) else { return }
        if isWrite, let name = bus.describe(address).register?.name, name.hasSuffix("KEYR"),
            let value = machine.trace.entries(limit: 1).last?.value
        {
            keys[name] = value
        }
        guard gate.isHolding else { return }
        send(held: true)
        gate.waitForRelease()
    }

    /// Posts the chip if it changed and the screen has not heard for a while.
    func postIfDue() {
        guard accesses != posted, ContinuousClock.now - lastPost >= Self.interval else { return }
        send(held: false)
    }

    /// Posts the chip now (a client came or went).
    func postNow() { send(held: false) }

    private func send(held: Bool) {
        let snapshot = ClientSnapshot.capture(
            machine, accesses: accesses, held: held, keys: keys, previous: previous)
        previous = Dictionary(uniqueKeysWithValues: snapshot.registers.map { ($0.name, $0.value) })
        posted = accesses
        lastPost = .now
        post(.served(.changed(machine.state, snapshot)))
    }

    func post(_ event: ServedEvent) { post(.served(event)) }
}

/// A client's session as the screen sees it: it says when the client comes and goes, and lets the
/// watch post the chip after each batch the client sends and each slice the core runs.
final class WatchedSession: ClientSession {
    private let inner: any ClientSession
    private let client: String
    private let watch: ClientWatch

    init(_ inner: any ClientSession, client: String, watch: ClientWatch) {
        self.inner = inner
        self.client = client
        self.watch = watch
        watch.post(.connected(client))
    }

    func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?) {
        defer { watch.postIfDue() }
        return inner.received(bytes)
    }

    func idle() -> Bool {
        let more = inner.idle()
        watch.postIfDue()
        return more
    }

    func takeOutput() -> [UInt8] { inner.takeOutput() }

    var idleWaitMilliseconds: Int32 { inner.idleWaitMilliseconds }

    func ended(_ reason: String) {
        inner.ended(reason)
        watch.post(.left(client, reason: reason))
        watch.postNow()
    }
}
