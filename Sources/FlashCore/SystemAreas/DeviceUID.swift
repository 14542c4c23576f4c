/// The 96-bit unique device ID at 0x0BFA_0590 (reference §8). A device file gets its own at
/// `init`, derived from a seed (its creation time and part), and keeps it; it never changes after.
package struct DeviceUID: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Twelve bytes, UID[7:0] first, as the bus reads them.
    package let bytes: [UInt8]

    package init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// The same seed gives the same UID (FNV-1a over the seed, stretched to 96 bits).
    package init(seed: String) {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        var out: [UInt8] = []
        for round in 0..<2 {
            for byte in Array(seed.utf8) + [UInt8(round)] {
                state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            out += (0..<8).map { UInt8(truncatingIfNeeded: state >> (8 * UInt64($0))) }
        }
        bytes = Array(out.prefix(12))
    }

    /// The UID of a device that has no file (a scratch machine, `locate` without a device).
    package static func fallback(_ part: Part) -> DeviceUID { DeviceUID(seed: part.name) }

    /// Word 0, 1 or 2 as the bus reads it (little-endian).
    package func word(_ index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[index * 4 + $1]) << UInt32(8 * $1) }
    }

    /// `0x…` word 2, word 1, word 0: the 96 bits most significant first.
    package var description: String { [2, 1, 0].map { hex(word($0)) }.joined(separator: " ") }
}
