@testable import FlashCore

/// A machine driven register by register, as firmware would.
struct TestChip {
    let machine: Machine
    var bus: Bus { machine.bus }

    static let base: UInt32 = 0x4002_2000
    static let nskeyr = base + 0x08, seckeyr = base + 0x0C, optkeyr = base + 0x10
    static let nssr = base + 0x20, secsr = base + 0x24, nscr = base + 0x28, seccr = base + 0x2C
    static let optr = base + 0x40

    init(_ part: Part = .stm32l562xE, assumptions: ModelAssumptions = .defaults, options: OptionBytes = .factory) {
        machine = Machine(state: DeviceState(part: part, assumptions: assumptions, effective: options))
    }

    /// Drives a machine something else (an engine) already uses.
    init(machine: Machine) { self.machine = machine }

    func read(_ address: UInt32) -> UInt32? { bus.read(address) }
    @discardableResult func write(_ address: UInt32, _ value: UInt32, size: AccessSize = .word) -> Bool {
        bus.write(address, value, size: size)
    }

    var nssr: UInt32 { read(Self.nssr) ?? 0 }
    var nscr: UInt32 { read(Self.nscr) ?? 0 }

    func unlock() {
        write(Self.nskeyr, 0x4567_0123)
        write(Self.nskeyr, 0xCDEF_89AB)
    }

    func unlockOptions() {
        unlock()
        write(Self.optkeyr, 0x0819_2A3B)
        write(Self.optkeyr, 0x4C5D_6E7F)
    }

    /// Lets virtual time run until the controller is idle.
    func waitIdle() {
        while (read(Self.nssr) ?? 0) & StatusFlag.bsy.mask != 0 { bus.waitForEvent() }
    }

    func erasePage(pnb: UInt32, bker: UInt32 = 0) {
        write(Self.nscr, 0x2 | pnb << 3 | bker << 11)
        write(Self.nscr, 0x2 | pnb << 3 | bker << 11 | 1 << 16)
        waitIdle()
        write(Self.nscr, 0)
    }

    func programDoubleWord(_ address: UInt32, _ low: UInt32, _ high: UInt32) {
        write(Self.nscr, 1)
        write(address, low)
        write(address + 4, high)
        waitIdle()
        write(Self.nscr, 0)
    }

    func has(_ flag: StatusFlag, in status: UInt32? = nil) -> Bool {
        (status ?? nssr) & flag.mask != 0
    }
}
