import DebugServer
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The serve loop when a client closes and connects again at once (gdb's `disconnect` then
/// `target extended-remote`, a script's retry) while the server is still busy with its last batch.
@Suite struct ServeLoopReconnectTests {
    /// Echoes each batch after a pause, as a session does that is saving the device.
    final class SlowEcho: ClientSession {
        func received(_ bytes: ArraySlice<UInt8>) -> (reply: [UInt8], close: String?) {
            usleep(300_000)
            return (Array(bytes), nil)
        }
        func idle() -> Bool { false }
        func ended(_ reason: String) {}
    }

    final class Shared: Sendable {
        let port = Mutex<UInt16?>(nil)
        let stop = Mutex(false)
        let log = Mutex<[String]>([])
    }

    @Test func theOldConnectionEndsBeforeTheNewOneIsTakenForASecondClient() throws {
        let shared = Shared()
        let server = Thread {
            guard let listener = try? TCPListener(host: "127.0.0.1", port: 0) else { return }
            shared.port.withLock { $0 = listener.port }
            let loop = ServeLoop(
                endpoints: [ServeEndpoint(listener: listener, busyMessage: "busy") { _ in SlowEcho() }],
                log: { line in shared.log.withLock { $0.append(line) } })
            loop.run(stop: { shared.stop.withLock { $0 } })
        }
        server.start()
        defer { shared.stop.withLock { $0 = true } }
        var port: UInt16?
        for _ in 0..<500 where port == nil {
            port = shared.port.withLock { $0 }
            usleep(10_000)
        }
        let listening = try #require(port)

        let first = try TCPConnection(host: "127.0.0.1", port: listening, milliseconds: 2000)
        #expect(first.send([1]))
        usleep(100_000)  // the server is now inside the slow batch
        first.close()
        let second = try TCPConnection(host: "127.0.0.1", port: listening, milliseconds: 2000)
        #expect(second.send([2]))
        var answer: [UInt8]? = []
        for _ in 0..<20 where answer?.isEmpty == true { answer = second.receive(waitingAtMost: 500) }
        second.close()
        #expect(answer == [2], "the second client was served: \(shared.log.withLock { $0 })")
        #expect(!shared.log.withLock { $0 }.contains { $0.contains("refused") })
    }
}
