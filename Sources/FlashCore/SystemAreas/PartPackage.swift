/// The package code a part reports in PKG[4:0] at 0x0BFA_0500 (the HAL's LL_UTILS_PACKAGETYPE_* values).
package struct PartPackage: Equatable, Hashable, Sendable {
    package let code: UInt32
    package let name: String

    /// LL_UTILS_PACKAGETYPE_LQFP64.
    package static let lqfp64 = PartPackage(code: 0x00, name: "LQFP64")
    /// LL_UTILS_PACKAGETYPE_LQFP144_INTSMPS.
    package static let lqfp144SMPS = PartPackage(code: 0x11, name: "LQFP144 with internal SMPS")
    /// LL_UTILS_PACKAGETYPE_UFBGA132_INTSMPS.
    package static let ufbga132SMPS = PartPackage(code: 0x12, name: "UFBGA132 with internal SMPS")
}

extension Part {
    /// The package of the board each catalog part stands for: the STM32L562E-DK's STM32L562QEI6QU,
    /// the NUCLEO-L552ZE-Q's STM32L552ZET6Q, and the STM32L552RC of OpenOCD ticket 317.
    package var packageType: PartPackage {
        switch name {
        case Part.stm32l562xE.name: .ufbga132SMPS
        case Part.stm32l552xE.name: .lqfp144SMPS
        default: .lqfp64
        }
    }
}
