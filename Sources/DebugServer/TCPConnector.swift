#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An outgoing TCP connection (`attach` to a GDB server): made within a timeout, reads that
/// wait at most a given time, writes that finish or report the peer gone.
package final class TCPConnection {
    private let socket: Socket

    /// Connects to `host:port` (a name or an IPv4/IPv6 address), giving up after `milliseconds`.
    package init(host: String, port: UInt16, milliseconds: Int) throws(SocketError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw SocketError(message: "cannot find host \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(found) }
        var lastError = SocketError(message: "cannot connect to \(host):\(port)")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let descriptor = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            Socket.setNonBlocking(descriptor)
            if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&poller, 1, Int32(milliseconds))
                var failure: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
                if ready == 1, failure == 0 {
                    socket = Socket(descriptor: descriptor)
                    return
                }
                lastError =
                    ready == 0
                    ? SocketError(message: "cannot connect to \(host):\(port): no answer within \(milliseconds) ms")
                    : SocketError("cannot connect to \(host):\(port)", errno: failure)
            } else {
                lastError = SocketError("cannot connect to \(host):\(port)")
            }
            Glibc.close(descriptor)
        }
        throw lastError
    }

    /// Sends everything; false when the peer is gone.
    package func send(_ bytes: [UInt8]) -> Bool { socket.write(bytes) }

    /// What arrives within `milliseconds` (empty if nothing did); nil when the peer closed.
    package func receive(waitingAtMost milliseconds: Int) -> [UInt8]? {
        var poller = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(0, min(milliseconds, Int(Int32.max)))))
        guard ready > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 16384)
        switch socket.read(into: &buffer) {
        case .bytes(let count): return Array(buffer[0..<count])
        case .wouldBlock: return []
        case .closed: return nil
        }
    }

    /// A monotonic clock in milliseconds.
    package static var milliseconds: UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }

    package func close() { socket.shut() }
}
