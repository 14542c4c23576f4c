import FlashCore

/// The access port's way onto the system bus: every debugger access is an ordinary bus
/// access, so the trace shows it and the flash controller answers it as it answers code.
final class BusMemory: DebugMemory {
    private let machine: Machine

    init(machine: Machine) { self.machine = machine }

    func read(_ address: UInt32, size: AccessSize) -> Result<UInt32, BusFault> {
        machine.bus.read(address, size: size).map { .success($0) } ?? .failure(.unmapped)
    }

    func write(_ address: UInt32, _ value: UInt32, size: AccessSize) -> Result<Void, BusFault> {
        machine.bus.write(address, value, size: size) ? .success(()) : .failure(.unmapped)
    }

    var secureDebugAllowed: Bool { machine.controller.effective.trustZone }
}
