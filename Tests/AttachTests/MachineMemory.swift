import Attach
import FlashCore
import GDBRemote

/// A simulated chip as a GDB server's memory: every access is a debugger access on the
/// machine's bus, and each lets 20 µs of virtual time pass (a round trip to a probe), so a busy
/// flag clears while it is polled, as on silicon. A bus fault is `E03`, as servers answer one.
final class MachineMemory: ChipMemory {
    let machine: Machine
    /// Bytes returned instead of the machine's at these addresses (a chip that is something else).
    /// The machine has no debug registers: DHCSR reads S_HALT (bit 17), a halted core.
    var overrides: [UInt32: [UInt8]] = [0xE000_EDF0: [0x00, 0x00, 0x02, 0x00]]
    /// After this many accesses the connection is gone.
    var dropAfter: Int?
    private(set) var accesses = 0
    private(set) var reads: [UInt32] = []

    init(_ machine: Machine) { self.machine = machine }

    func readMemory(_ address: UInt32, count: Int) throws(ClientError) -> [UInt8] {
        let packet = "m\(String(address, radix: 16)),\(String(count, radix: 16))"
        try account(packet)
        reads.append(address)
        if let bytes = overrides[address] { return Array(bytes.prefix(count)) }
        var out: [UInt8] = []
        for index in 0..<count {
            let at = address &+ UInt32(index)
            guard let value = machine.bus.with(origin: .debugger, { machine.bus.read(at, size: .byte) }) else {
                throw .serverError(packet: packet, code: 3)
            }
            out.append(UInt8(truncatingIfNeeded: value))
        }
        return out
    }

    func writeMemory(_ address: UInt32, _ bytes: [UInt8]) throws(ClientError) {
        let packet = "M\(String(address, radix: 16)),\(String(bytes.count, radix: 16))"
        try account(packet)
        let size: AccessSize = bytes.count == 4 ? .word : bytes.count == 2 ? .halfWord : .byte
        guard size.rawValue == bytes.count else { throw .serverError(packet: packet, code: 3) }
        let value = bytes.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
        guard machine.bus.with(origin: .debugger, { machine.bus.write(address, value, size: size) }) else {
            throw .serverError(packet: packet, code: 3)
        }
    }

    private func account(_ packet: String) throws(ClientError) {
        if let dropAfter, accesses >= dropAfter { throw .closed(packet: packet) }
        accesses += 1
        machine.clock.advance(by: 20_000)
    }
}
