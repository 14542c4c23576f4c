/// Where the core boots after a reset, from the option bytes and the BOOT0 pin (RM0456's
/// boot tables for the sibling STM32U5, whose option bits the L5 shares: reference §2.1, §8).
///
/// - TZEN=0: BOOT0 is the pin when nSWBOOT0=1, else the inverse of nBOOT0; BOOT0=0 boots
///   from NSBOOTADD0, BOOT0=1 from NSBOOTADD1.
/// - TZEN=1: BOOT_LOCK=1 always boots from SECBOOTADD0; otherwise BOOT0=0 boots from
///   SECBOOTADD0 and BOOT0=1 from the root security service (RSS) in system memory.
package struct BootSelection: Equatable, Sendable {
    /// The option field (or the fixed RSS entry) the address comes from.
    package enum Source: String, Sendable, Equatable {
        case nsBootAddress0 = "NSBOOTADD0"
        case nsBootAddress1 = "NSBOOTADD1"
        case secBootAddress0 = "SECBOOTADD0"
        case rss = "RSS"
    }

    /// The root security service's entry in secure system memory (RM0456 sibling table).
    package static let rssAddress: UInt32 = 0x0FF8_0000

    package var source: Source
    package var address: UInt32
    /// BOOT0 as the core sampled it; nil when BOOT_LOCK decided without it.
    package var boot0: Int?
    /// Why: `TZEN=0, BOOT0=0 from the pin (low, assumption boot0-pin)`.
    package var reason: String

    package init(options: OptionBytes, boot0Pin: ProtectionAssumptions.Boot0Pin) {
        let fromPin = options[OptionField.nSWBOOT0] == 1
        let boot0 = fromPin ? (boot0Pin == .high ? 1 : 0) : 1 - Int(options[OptionField.nBOOT0])
        let boot0Text =
            fromPin
            ? "BOOT0=\(boot0) from the pin (\(boot0Pin.rawValue), assumption boot0-pin)"
            : "BOOT0=\(boot0) from nBOOT0=\(options[OptionField.nBOOT0]) (nSWBOOT0=0)"
        func bootAddress(_ field: OptionField) -> UInt32 { field.typed(options[field]) }
        if !options.trustZone {
            source = boot0 == 0 ? .nsBootAddress0 : .nsBootAddress1
            address = bootAddress(boot0 == 0 ? .nsBootAddress0 : .nsBootAddress1)
            self.boot0 = boot0
            reason = "TZEN=0, \(boot0Text)"
        } else if options[OptionField.bootLock] == 1 {
            source = .secBootAddress0
            address = bootAddress(.secBootAddress0)
            self.boot0 = nil
            reason = "TZEN=1, BOOT_LOCK=1: the only boot entry"
        } else {
            source = boot0 == 0 ? .secBootAddress0 : .rss
            address = boot0 == 0 ? bootAddress(.secBootAddress0) : Self.rssAddress
            self.boot0 = boot0
            reason = "TZEN=1, \(boot0Text)"
        }
    }
}

/// The first two words at the boot address: the initial stack pointer and the reset vector.
package enum VectorTable: Equatable, Sendable, CustomStringConvertible {
    case found(initialSP: UInt32, resetVector: UInt32)
    /// Both words read 0xFFFFFFFF: nothing is programmed there.
    case erased
    /// The address is not in the user flash (system memory, SRAM, the RSS): the model does not hold it.
    case notModelled(String)

    package var description: String {
        switch self {
        case .found(let sp, let reset): "initial SP \(hex(sp)), reset vector \(hex(reset))"
        case .erased: "erased (0xFFFFFFFF): the core would fault at once"
        case .notModelled(let what): "\(what) (contents not modelled)"
        }
    }
}

/// Where the core would boot and what it would find there.
package struct BootReport: Equatable, Sendable {
    package var selection: BootSelection
    package var vectors: VectorTable
}

extension Machine {
    /// Where the core boots after a reset under the options in force, and the vector table there
    /// (read from the flash as the simulator sees it, so SWAP_BANK picks the bank).
    package var boot: BootReport {
        let selection = bootSelection
        return BootReport(selection: selection, vectors: vectorTable(at: selection.address))
    }

    /// Where the core boots after a reset, without reading the vector table there.
    package var bootSelection: BootSelection {
        BootSelection(options: controller.effective, boot0Pin: controller.assumptions.protection.boot0Pin)
    }

    /// The non-secure system memory (the bootloader, NSBOOTADD1's default) and the SRAM (CMSIS memory map).
    package static let systemMemory: Range<UInt32> = 0x0BF9_0000..<0x0BFA_0000
    package static let sram: Range<UInt32> = 0x2000_0000..<0x2004_0000

    private func vectorTable(at address: UInt32) -> VectorTable {
        switch FlashRegion.of(address) {
        case .flash:
            let window = address >= FlashLayout.secureBase && !controller.secureAliasAnswers
            guard !window, let sp = controller.readFlash(address: address, size: .word),
                let reset = controller.readFlash(address: address &+ 4, size: .word)
            else { return .notModelled("\(hex(address)) is not in this part's flash") }
            return sp == 0xFFFF_FFFF && reset == 0xFFFF_FFFF ? .erased : .found(initialSP: sp, resetVector: reset)
        case .ospi:
            return .notModelled("the OCTOSPI window")
        case .system:
            return .notModelled("the OTP and system words")
        case nil:
            if address == BootSelection.rssAddress { return .notModelled("the root security service (RSS)") }
            if Self.systemMemory.contains(address) { return .notModelled("system memory (ST's bootloader)") }
            if Self.sram.contains(address) { return .notModelled("SRAM") }
            return .notModelled("\(hex(address)), where nothing is modelled")
        }
    }
}
