import ArgumentParser
import FlashCore
import FlashFormats
import Foundation

/// The classic `address  hex  |ascii|` dump, 16 bytes a line.
enum HexDump {
    static func lines(_ bytes: [UInt8], address: UInt32) -> [String] {
        stride(from: 0, to: bytes.count, by: 16).map { start in
            let row = bytes[start..<min(start + 16, bytes.count)]
            let hexColumn = row.map { String(format: "%02X", $0) }.joined(separator: " ")
            let ascii = String(row.map { (0x20..<0x7F).contains($0) ? Character(UnicodeScalar($0)) : "." })
            return
                "\(FlashCore.hex(address &+ UInt32(start)))  \(hexColumn.padding(toLength: 47, withPad: " ", startingAt: 0))  |\(ascii)|"
        }
    }

    /// OpenOCD's `mdw` view: 32-bit little-endian words, four a line (`0x08000000: 20040000 08000201 ...`).
    /// The caller has checked that the bytes are whole words.
    static func words(_ bytes: [UInt8], address: UInt32) -> [String] {
        stride(from: 0, to: bytes.count, by: 16).map { start in
            let words = stride(from: start, to: min(start + 16, bytes.count), by: 4).map { at in
                let value =
                    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
                    | UInt32(bytes[at + 3]) << 24
                return String(format: "%08x", value)
            }
            return "\(FlashCore.hex(address &+ UInt32(start))): " + words.joined(separator: " ")
        }
    }
}
