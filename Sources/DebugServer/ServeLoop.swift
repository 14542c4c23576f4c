#if canImport(Glibc)
import Glibc
#endif

/// What one connected client is to the server: bytes in, replies out, and work between.
package protocol ClientSession: AnyObject {
    /// Handles a batch of received bytes. A reason to close ends the connection (with a log line).
    func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?)
    /// Work to do while the client is quiet (a running core); true while there is more of it.
    func idle() -> Bool
    /// The connection ended (the client closed it, it misbehaved, or the server stops).
    func ended(_ reason: String)
}

/// A single-threaded poll loop serving one client at a time on one listener. A second
/// client is told the target is busy and closed; reads are bounded by `readLimit` bytes
/// at a time, whatever the client sends.
package final class ServeLoop {
    package static let readLimit = 64 * 1024
    private let listener: TCPListener
    private let log: (String) -> Void

    package init(listener: TCPListener, log: @escaping (String) -> Void) {
        self.listener = listener
        self.log = log
    }

    /// Serves until SIGINT/SIGTERM (or `stop` says so); the session of a connected client is ended first.
    package func run(
        busyMessage: String, stop: () -> Bool = { StopSignals.stopRequested },
        session makeSession: (String) -> any ClientSession
    ) {
        var client: (socket: Socket, peer: String, session: any ClientSession)?
        var buffer = [UInt8](repeating: 0, count: Self.readLimit)
        var busy = false
        while !stop() {
            var entries = [pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0)]
            if let client { entries.append(pollfd(fd: client.socket.descriptor, events: Int16(POLLIN), revents: 0)) }
            // A running core keeps the loop turning; otherwise wake up now and then to check for a stop.
            let ready = poll(&entries, nfds_t(entries.count), busy ? 0 : 200)
            if ready < 0 && errno != EINTR { log("poll failed: \(String(cString: strerror(errno)))") }
            if entries[0].revents & Int16(POLLIN) != 0, let (socket, peer) = listener.accept() {
                if client == nil {
                    log("client \(peer) connected")
                    client = (socket, peer, makeSession(peer))
                } else {
                    log("client \(peer) refused: busy with \(client?.peer ?? "another client")")
                    socket.write(Array((busyMessage + "\n").utf8))
                    socket.shut()
                }
            }
            if let current = client {
                var ended: String?
                if entries.count > 1, entries[1].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                    switch current.socket.read(into: &buffer) {
                    case .bytes(let count):
                        let (reply, close) = current.session.received(buffer[0..<count])
                        if !reply.isEmpty, !current.socket.write(reply) { ended = "the client went away" }
                        if let close { ended = close }
                    case .wouldBlock: break
                    case .closed: ended = "the client closed the connection"
                    }
                }
                busy = ended == nil && current.session.idle()
                if let ended {
                    log("client \(current.peer): \(ended)")
                    current.session.ended(ended)
                    current.socket.shut()
                    client = nil
                    busy = false
                }
            }
        }
        if let client {
            client.session.ended("the server stops")
            client.socket.shut()
        }
    }
}
