/// The registers of the System Control Space (0xE000E000) the debug port models, by offset.
/// Everything else in the SCS (NVIC, SysTick, MPU, SAU, fault status) reads as zero and
/// ignores writes: interrupts, the MPU and the SAU are not modelled.
package enum SystemControlRegister: UInt32, Sendable, CaseIterable {
    case cpuIdentification = 0xD00
    case interruptControl = 0xD04
    case vectorTableOffset = 0xD08
    case resetControl = 0xD0C
    case debugFaultStatus = 0xD30
    case coprocessorAccess = 0xD88
    case haltControl = 0xDF0
    case registerSelect = 0xDF4
    case registerData = 0xDF8
    case exceptionMonitor = 0xDFC
    case securityControl = 0xE08
    case mediaFeature0 = 0xF40
    case mediaFeature1 = 0xF44
    case mediaFeature2 = 0xF48
    case authenticationStatus = 0xFB8

    package static let base: UInt32 = 0xE000_E000
    /// debug-port.md §5: r0p3 as seen on an L5.
    package static let cpuid: UInt32 = 0x410F_D213
    /// FPv5 single precision (the L5's FPU), as OpenOCD recognises it.
    package static let mvfr0: UInt32 = 0x1011_0021
    package static let mvfr1: UInt32 = 0x1100_0011
    package static let mvfr2: UInt32 = 0x0000_0040
}
