#if canImport(Glibc)
import Glibc
#endif

/// What one connected client is to the server: bytes in, replies out, and work between.
package protocol ClientSession: AnyObject {
    /// Handles a batch of received bytes. A reason to close ends the connection (with a log line).
    func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?)
    /// Work to do while the client is quiet (a running core); true while there is more of it,
    /// and the loop then polls without waiting.
    func idle() -> Bool
    /// Bytes the session produced on its own (a stop reply once a running core halts), sent after `idle`.
    func takeOutput() -> [UInt8]
    /// How long the loop may wait for the client before the next `idle` when it said there is more:
    /// 0 for work that is making progress, a millisecond or so for a core that only spins on memory
    /// (a loader waiting for its FIFO), which nothing but the client can change.
    var idleWaitMilliseconds: Int32 { get }
    /// The connection ended (the client closed it, it misbehaved, or the server stops).
    func ended(_ reason: String)
}

extension ClientSession {
    package func takeOutput() -> [UInt8] { [] }
    package var idleWaitMilliseconds: Int32 { 0 }
}

/// One listener the loop serves: a client at a time, a second one told `busyMessage` and closed.
package struct ServeEndpoint {
    package let listener: TCPListener
    package let busyMessage: String
    package let makeSession: (String) -> any ClientSession

    package init(listener: TCPListener, busyMessage: String, session: @escaping (String) -> any ClientSession) {
        self.listener = listener
        self.busyMessage = busyMessage
        makeSession = session
    }
}

/// A single-threaded poll loop serving several listeners (remote_bitbang and gdb side by side
/// on one target), one client each. Reads are bounded by `readLimit` bytes at a time, whatever
/// the client sends; while any session has work (a running core) the loop does not wait.
package final class ServeLoop {
    package static let readLimit = 64 * 1024
    private let endpoints: [ServeEndpoint]
    private let log: (String) -> Void

    private struct Client {
        let socket: Socket
        let peer: String
        let session: any ClientSession
    }

    package init(endpoints: [ServeEndpoint], log: @escaping (String) -> Void) {
        self.endpoints = endpoints
        self.log = log
    }

    package convenience init(listener: TCPListener, log: @escaping (String) -> Void) {
        self.init(endpoints: [], log: log)
        single = listener
    }

    private var single: TCPListener?

    /// One listener: serves until SIGINT/SIGTERM (or `stop` says so).
    package func run(
        busyMessage: String, stop: () -> Bool = { StopSignals.stopRequested },
        session makeSession: @escaping (String) -> any ClientSession
    ) {
        guard let single else { return run(stop: stop) }
        ServeLoop(
            endpoints: [ServeEndpoint(listener: single, busyMessage: busyMessage, session: makeSession)], log: log
        )
        .run(stop: stop)
    }

    /// Serves every endpoint until SIGINT/SIGTERM (or `stop` says so); connected clients' sessions are ended first.
    package func run(stop: () -> Bool = { StopSignals.stopRequested }) {
        var clients = [Client?](repeating: nil, count: endpoints.count)
        var buffer = [UInt8](repeating: 0, count: Self.readLimit)
        var busy = false
        var wait: Int32 = 0
        while !stop() {
            var entries: [pollfd] = []
            var owners: [(endpoint: Int, isClient: Bool)] = []
            for (index, endpoint) in endpoints.enumerated() {
                entries.append(pollfd(fd: endpoint.listener.descriptor, events: Int16(POLLIN), revents: 0))
                owners.append((index, false))
                if let client = clients[index] {
                    entries.append(pollfd(fd: client.socket.descriptor, events: Int16(POLLIN), revents: 0))
                    owners.append((index, true))
                }
            }
            // A running core keeps the loop turning; otherwise wake up now and then to check for a stop.
            let ready = poll(&entries, nfds_t(entries.count), busy ? wait : 200)
            if ready < 0 && errno != EINTR { log("poll failed: \(String(cString: strerror(errno)))") }
            busy = false
            wait = Int32.max
            for (position, owner) in owners.enumerated() where owner.isClient {
                guard let client = clients[owner.endpoint] else { continue }
                let readable = entries[position].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0
                if let ended = serve(client, readable: readable, buffer: &buffer, busy: &busy, wait: &wait) {
                    log("client \(client.peer): \(ended)")
                    client.session.ended(ended)
                    client.socket.shut()
                    clients[owner.endpoint] = nil
                }
            }
            // After the clients: a client that closed and at once connected again finds its old
            // connection ended, not itself refused as a second client.
            for (position, owner) in owners.enumerated() where !owner.isClient {
                guard entries[position].revents & Int16(POLLIN) != 0 else { continue }
                accept(endpoints[owner.endpoint], into: &clients[owner.endpoint])
            }
        }
        for client in clients.compactMap({ $0 }) {
            client.session.ended("the server stops")
            client.socket.shut()
        }
    }

    private func accept(_ endpoint: ServeEndpoint, into slot: inout Client?) {
        guard let (socket, peer) = endpoint.listener.accept() else { return }
        if let current = slot {
            log("client \(peer) refused: busy with \(current.peer)")
            if !endpoint.busyMessage.isEmpty { socket.write(Array((endpoint.busyMessage + "\n").utf8)) }
            socket.shut()
        } else {
            log("client \(peer) connected")
            slot = Client(socket: socket, peer: peer, session: endpoint.makeSession(peer))
        }
    }

    /// Reads and answers what a client sent, then lets its session work; a reason when it ends.
    private func serve(
        _ client: Client, readable: Bool, buffer: inout [UInt8], busy: inout Bool, wait: inout Int32
    ) -> String? {
        if readable {
            switch client.socket.read(into: &buffer) {
            case .bytes(let count):
                let (reply, close) = client.session.received(buffer[0..<count])
                if !reply.isEmpty, !client.socket.write(reply) { return "the client went away" }
                if let close { return close }
            case .wouldBlock: break
            case .closed: return "the client closed the connection"
            }
        }
        let more = client.session.idle()
        let output = client.session.takeOutput()
        if !output.isEmpty, !client.socket.write(output) { return "the client went away" }
        busy = busy || more
        if more { wait = min(wait, client.session.idleWaitMilliseconds) }
        return nil
    }
}
