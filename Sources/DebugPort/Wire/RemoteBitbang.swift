/// OpenOCD's remote_bitbang wire protocol (debug-port.md §2): one ASCII byte per command,
/// '0'..'7' set TCK/TMS/TDI, 'R' samples TDO (answered '0' or '1'), 'r'..'u' set TRST and
/// SRST, 'B'/'b' blink, 'Q' quits. Any other byte is a protocol error that ends the client.
package struct RemoteBitbang {
    package enum Outcome: Equatable, Sendable {
        case proceed
        case quit
        case malformed(byte: UInt8, offset: Int)
    }

    /// What the wire drives.
    package protocol Pins: AnyObject {
        func drive(tck: Bool, tms: Bool, tdi: Bool)
        var tdo: Bool { get }
        /// TRST and SRST, true for asserted.
        func reset(trst: Bool, srst: Bool)
    }

    /// Bytes consumed over the connection, for error offsets.
    package private(set) var received = 0

    package init() {}

    /// Feeds received bytes; replies are appended to `replies`. Stops at 'Q' or a malformed byte.
    package mutating func consume(_ bytes: [UInt8], pins: any Pins, replies: inout [UInt8]) -> Outcome {
        consume(bytes[...], pins: pins, replies: &replies)
    }

    /// A concrete slice, walked through its buffer: this is the server's hot path (a byte per TCK
    /// edge), and a generic sequence across modules costs a witness call per byte.
    package mutating func consume(_ bytes: ArraySlice<UInt8>, pins: any Pins, replies: inout [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { consume($0, pins: pins, replies: &replies) }
    }

    private mutating func consume(
        _ bytes: UnsafeBufferPointer<UInt8>, pins: any Pins, replies: inout [UInt8]
    ) -> Outcome {
        for byte in bytes {
            let offset = received
            received += 1
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                let bits = byte - UInt8(ascii: "0")
                pins.drive(tck: bits & 4 != 0, tms: bits & 2 != 0, tdi: bits & 1 != 0)
            case UInt8(ascii: "R"):
                replies.append(pins.tdo ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            case UInt8(ascii: "r")...UInt8(ascii: "u"):
                let bits = byte - UInt8(ascii: "r")
                pins.reset(trst: bits & 2 != 0, srst: bits & 1 != 0)
            case UInt8(ascii: "B"), UInt8(ascii: "b"):
                break
            case UInt8(ascii: "Q"):
                return .quit
            default:
                return .malformed(byte: byte, offset: offset)
            }
        }
        return .proceed
    }
}
