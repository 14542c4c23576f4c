/// The smallest honest model of what the STM32L562E-DK's OCTOSPI algorithm and OpenOCD's
/// `reset-init` (debug-port.md §5) touch besides OCTOSPI: RCC, PWR, EXTI (HAL_GPIO_DeInit reads EXTICR) and the GPIO ports, as plain registers that read back what was written,
/// with RCC_CR's ready flags following their enable bits (HSI, MSI, HSE, PLL) and
/// RCC_CFGR's SWS following SW, so clock set-up loops finish at once. Nothing else is
/// modelled: clock frequencies, pin functions and reset values other than zero are not.
package final class BoardPeripheralStub: RegisterBlockTarget {
    static let rccBase: UInt32 = 0x4002_1000
    /// PWR: read back as written; SR2's VOSF reads 0, so voltage scaling is always done.
    static let pwrBase: UInt32 = 0x4000_7000
    static let extiBase: UInt32 = 0x4002_F400
    /// GPIOA..GPIOI, 0x400 apart.
    static let gpioBase: UInt32 = 0x4202_0000
    static let gpioSize: UInt32 = 9 * 0x400

    private var registers: [UInt32: UInt32] = [:]
    private let name: String

    init(name: String) {
        self.name = name
    }

    /// Maps RCC and GPIO (both aliases) on a bus that has no device there yet.
    package static func install(on bus: Bus) {
        guard !bus.isMapped(rccBase) else { return }
        let rcc = BoardPeripheralStub(name: "RCC (stub)")
        let gpio = BoardPeripheralStub(name: "GPIO (stub)")
        let pwr = BoardPeripheralStub(name: "PWR (stub)")
        let exti = BoardPeripheralStub(name: "EXTI (stub)")
        for alias in [UInt32(0), 0x1000_0000] {
            bus.map(BusWindow(base: rccBase + alias, size: 0x400), to: rcc)
            bus.map(BusWindow(base: pwrBase + alias, size: 0x400), to: pwr)
            bus.map(BusWindow(base: extiBase + alias, size: 0x400), to: exti)
            bus.map(BusWindow(base: gpioBase + alias, size: gpioSize), to: gpio)
        }
    }

    override package func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        let value = registers[offset] ?? 0
        return .success(name.hasPrefix("RCC") ? Self.withReadyFlags(offset: offset, value) : value)
    }

    override package func currentRegister(at offset: UInt32, window: Int) -> UInt32 { registers[offset] ?? 0 }

    override package func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        registers[offset] = value
        return .success(())
    }

    /// RCC_CR (0x00): MSIRDY=MSION, HSIRDY=HSION, HSERDY=HSEON, PLLRDY=PLLON; RCC_CFGR (0x08): SWS=SW.
    private static func withReadyFlags(offset: UInt32, _ value: UInt32) -> UInt32 {
        switch offset {
        case 0x00:
            var ready = value & ~((1 << 1) | (1 << 10) | (1 << 17) | (1 << 25))
            if value & (1 << 0) != 0 { ready |= 1 << 1 }
            if value & (1 << 8) != 0 { ready |= 1 << 10 }
            if value & (1 << 16) != 0 { ready |= 1 << 17 }
            if value & (1 << 24) != 0 { ready |= 1 << 25 }
            return ready
        case 0x08:
            return (value & ~0xC) | ((value & 0x3) << 2)
        default:
            return value
        }
    }

    override package func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? { nil }
    override package func peekValue(offset: UInt32, window: Int) -> UInt32? { registers[offset & ~3] }
    override package func regionName(window: Int) -> String { name }
}
