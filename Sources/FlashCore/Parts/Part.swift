/// A member of the STM32L5 family as FlashScope models it.
package struct Part: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Catalog name, as users type it: `STM32L562xE`.
    package let name: String
    /// Embedded flash size in bytes.
    package let flashSize: UInt32
    /// Whether the part is modelled with the STM32L562E-DK's OCTOSPI NOR flash attached.
    package let hasOctoSPIFlash: Bool
    /// One line for `info`.
    package let summary: String

    package var description: String { name }

    /// Flash size in KiB, as the flash size register at 0x0BFA_05E0 reports it.
    package var flashSizeKiB: UInt16 { UInt16(flashSize / 1024) }

    /// True for the 256 KB parts, whose dual-bank layout the sources disagree on.
    package var isSmallFlash: Bool { flashSize == 256 * 1024 }

    package static let stm32l552xC = Part(
        name: "STM32L552xC", flashSize: 256 * 1024, hasOctoSPIFlash: false,
        summary: "STM32L552 with 256 KiB of flash")
    package static let stm32l552xE = Part(
        name: "STM32L552xE", flashSize: 512 * 1024, hasOctoSPIFlash: false,
        summary: "STM32L552 with 512 KiB of flash")
    package static let stm32l562xE = Part(
        name: "STM32L562xE", flashSize: 512 * 1024, hasOctoSPIFlash: true,
        summary: "STM32L562 with 512 KiB of flash, as on the STM32L562E-DK (MX25LM51245G on OCTOSPI1)")

    /// Every part FlashScope knows, default first.
    package static let catalog: [Part] = [.stm32l562xE, .stm32l552xE, .stm32l552xC]

    package static let defaultPart = stm32l562xE

    /// Looks a part up by name, ignoring case (`stm32l552xc` finds `STM32L552xC`).
    package static func named(_ name: String) -> Part? {
        catalog.first { $0.name.lowercased() == name.lowercased() }
    }
}
