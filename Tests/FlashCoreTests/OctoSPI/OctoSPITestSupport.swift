@testable import FlashCore

/// A bus with only the OCTOSPI subsystem mapped, as the tests need it.
struct OctoSPIBench {
    let clock = VirtualClock()
    let trace: TraceRecorder
    let bus: Bus
    let ospi: OctoSPISubsystem

    init(assumptions: NORAssumptions = .defaults, tracing: Bool = true) {
        trace = TraceRecorder(enabled: tracing)
        bus = Bus(clock: clock, trace: trace)
        ospi = OctoSPISubsystem(clock: clock, trace: trace, assumptions: assumptions)
        ospi.map(into: bus)
    }

    var flash: MX25LM51245G { ospi.flash }
    var controller: OctoSPIController { ospi.controller }

    func register(_ register: OctoSPIRegister) -> UInt32 { OctoSPIRegisters.base + register.offset }

    @discardableResult
    func write(_ register: OctoSPIRegister, _ value: UInt32) -> Bool { bus.write(self.register(register), value) }

    func read(_ register: OctoSPIRegister) -> UInt32 { bus.read(self.register(register)) ?? 0xDEAD_BEEF }

    var status: UInt32 { read(.sr) }
}

/// Direct transactions to the flash, framed per protocol mode (reference §1.3).
extension MX25LM51245G {
    func run(
        _ opcode: UInt8, _ mode: NORProtocolMode, address: UInt32? = nil, addressSize: Int? = nil,
        dummy: Int = 0, data: NORData = .none
    ) -> NORResponse {
        execute(
            .command(opcode, mode: mode, address: address, addressSize: addressSize, dummyCycles: dummy, data: data))
    }

    /// RDSR with the framing the ST driver uses in each mode.
    func readStatus(_ mode: NORProtocolMode) -> UInt8? {
        let response = run(
            0x05, mode, address: mode == .spi ? nil : 0, dummy: mode == .spi ? 0 : 4,
            data: .read(count: mode == .dtrOPI ? 2 : 1))
        return response.outcome == .accepted ? response.data.first : nil
    }

    /// WREN then WRCR2 @0 = mode, sent in the current mode.
    func switchMode(from mode: NORProtocolMode, to target: NORProtocolMode) {
        _ = run(0x06, mode)
        let value: UInt8 = target == .spi ? 0 : target == .strOPI ? 1 : 2
        _ = run(0x72, mode, address: 0, data: .write(mode == .dtrOPI ? [value, value] : [value]))
    }

    func readArray(_ address: UInt32, count: Int) -> [UInt8] {
        run(0x13, .spi, address: address, addressSize: 4, data: .read(count: count)).data
    }
}
