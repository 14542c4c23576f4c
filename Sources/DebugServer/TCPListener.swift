#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to set up or use a socket, with the call that failed and errno's text.
package struct SocketError: Error, CustomStringConvertible, Equatable {
    package let description: String

    init(_ what: String, errno code: Int32 = errno) {
        description = "\(what): \(String(cString: strerror(code)))"
    }

    init(message: String) { description = message }
}

/// A listening TCP socket on an IPv4 address (127.0.0.1 unless told otherwise).
package final class TCPListener {
    package let descriptor: Int32
    package let host: String
    /// The port bound (the one the system chose when 0 was asked for).
    package let port: UInt16

    package init(host: String, port: UInt16) throws(SocketError) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw SocketError(message: "\(host) is not an IPv4 address (use 127.0.0.1 or 0.0.0.0)")
        }
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketError("socket") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = SocketError("cannot listen on \(host):\(port)")
            close(descriptor)
            throw error
        }
        guard listen(descriptor, 4) == 0 else {
            let error = SocketError("listen")
            close(descriptor)
            throw error
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        self.host = host
        self.port = UInt16(bigEndian: actual.sin_port)
        Socket.setNonBlocking(descriptor)
    }

    deinit { close(descriptor) }

    /// A waiting connection, if any, with the peer's address as text.
    package func accept() -> (socket: Socket, peer: String)? {
        var peer = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let client = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(descriptor, $0, &length) }
        }
        guard client >= 0 else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &peer.sin_addr, &text, socklen_t(text.count))
        let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let name = host + ":" + String(UInt16(bigEndian: peer.sin_port))
        return (Socket(descriptor: client), name)
    }
}

/// One connected client. Reads never block; writes wait until everything is sent (the client reads).
package final class Socket {
    package let descriptor: Int32
    private(set) var isClosed = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
        Socket.setNonBlocking(descriptor)
        var yes: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        // A client that went away must not kill the process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { shut() }

    static func setNonBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    }

    package enum ReadOutcome: Equatable {
        case bytes(Int)
        case wouldBlock
        case closed
    }

    /// Reads what has arrived into `buffer` (at most its size: the buffer bounds memory, not the client).
    package func read(into buffer: inout [UInt8]) -> ReadOutcome {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { return .bytes(count) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return .wouldBlock }
        return .closed
    }

    /// Sends all of `bytes`; false when the client is gone.
    @discardableResult
    package func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { Glibc.write(descriptor, $0 + sent, raw.count - sent) } ?? 0
            }
            if count > 0 {
                sent += count
            } else if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&entry, 1, 1000)
            } else {
                return false
            }
        }
        return true
    }

    package func shut() {
        guard !isClosed else { return }
        isClosed = true
        close(descriptor)
    }
}
