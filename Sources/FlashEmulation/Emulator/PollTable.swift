/// Recognises polling: a read whose instruction, the last time it ran, read the same value
/// from the same address. The emulator then lets time pass to the next device event.
/// The last read of each instruction, in a small direct-mapped table (this is the hot path).
struct PollTable {
    private static let size = 64
    private var pcs = [UInt32](repeating: 0, count: size)
    private var addresses = [UInt32](repeating: 0, count: size)
    private var values = [UInt32](repeating: 0, count: size)

    /// Records the read; true when this instruction's previous read was the same.
    mutating func repeats(pc: UInt32, address: UInt32, value: UInt32) -> Bool {
        let slot = Int((pc >> 1) & UInt32(Self.size - 1))
        let same = pcs[slot] == pc && addresses[slot] == address && values[slot] == value
        pcs[slot] = pc
        addresses[slot] = address
        values[slot] = value
        return same
    }
}
