/// What TrustZone makes of a page (reference §8, the HAL's watermark, block-based and hide-area
/// configuration): who may reach it and through which registers.
package enum PageSecurity: String, Sendable, Equatable {
    /// TZEN=0, or outside every secure watermark and SECBB bit: NSCR, the 0x0800_0000 alias.
    case nonSecure = "non-secure"
    /// In a secure watermark area or set in SECBBxRy: SECCR, the 0x0C00_0000 alias.
    case secure
    /// In a secure hide area once HDPx_ACCDIS is set: nobody, until the next reset.
    case hidden

    /// The registers an erase or program of the page must use, one line.
    package func route(trustZone: Bool) -> String {
        switch self {
        case .nonSecure:
            trustZone
                ? "NSCR (unlocked through NSKEYR), data through 0x08000000" : "NSCR (unlocked through NSKEYR)"
        case .secure: "SECCR (unlocked through SECKEYR), data through 0x0C000000; through NSCR: WRPERR"
        case .hidden: "none until reset: the hide area is closed (HDPx_ACCDIS); any erase or program: WRPERR"
        }
    }

    /// The registers in a few words, for narrow panels.
    package var shortRoute: String {
        switch self {
        case .nonSecure: "NSCR (NSKEYR)"
        case .secure: "SECCR (SECKEYR), secure"
        case .hidden: "none: hidden (HDP)"
        }
    }

    /// A page's security under a set of option bytes, SECBBxRy words (bank 1's four, then bank 2's)
    /// and SECHDPCR: the one place the rule is written.
    package static func of(
        _ page: FlashPage, options: OptionBytes, layout: FlashLayout, blockSecurity: [UInt32], hideControl: UInt32
    ) -> PageSecurity {
        guard options.trustZone else { return .nonSecure }
        // In single-bank mode both areas of each kind cover the one bank (reference §2.2).
        let areas = layout.dualBank ? [page.physicalBank] : [1, 2]
        for area in areas where HideProtectionField.accessDisabled(area: area).value(in: hideControl) == 1 {
            if options.hideProtectedPages(bank: area)?.contains(page.pnb) == true { return .hidden }
        }
        if areas.contains(where: { options.secureWatermarkPages(bank: $0)?.contains(page.pnb) ?? false }) {
            return .secure
        }
        let word = (page.physicalBank - 1) * 4 + page.pnb / 32
        guard word < blockSecurity.count else { return .nonSecure }
        return blockSecurity[word] & (UInt32(1) << UInt32(page.pnb % 32)) != 0 ? .secure : .nonSecure
    }
}

/// SECHDPCR's fields (CMSIS): set by software, cleared only by a reset (the HAL's
/// HAL_FLASHEx_EnableSecHideProtection sets them; nothing clears them).
package enum HideProtectionField {
    package static let hdp1AccessDisabled = FieldSpec("HDP1_ACCDIS", bit: 0, .setOnly)
    package static let hdp2AccessDisabled = FieldSpec("HDP2_ACCDIS", bit: 1, .setOnly)

    package static func accessDisabled(area: Int) -> FieldSpec { area == 1 ? hdp1AccessDisabled : hdp2AccessDisabled }
}

extension OptionBytes {
    /// The secure hide area of a bank (1 or 2) as a page range: from SECWMx_PSTRT to HDPx_PEND
    /// while HDPxEN is set (the HAL: the hide area starts where the secure area starts); nil when off.
    package func hideProtectedPages(bank: Int) -> ClosedRange<Int>? {
        guard let enable = OptionField.named("HDP\(bank)EN"), let end = OptionField.named("HDP\(bank)_PEND"),
            let start = OptionField.named("SECWM\(bank)_PSTRT"), self[enable] == 1
        else { return nil }
        let first = Int(self[start])
        let last = Int(self[end])
        return first <= last ? first...last : nil
    }
}

/// How a read through the flash window is refused.
enum ReadRefusal: Equatable {
    /// Read as zero (RAZ), the illegal access noted in the trace.
    case zero(String)
    /// A bus fault.
    case fault(String)
}

extension FlashController {
    private static let tzenField = OptionField.named("TZEN")

    /// SECBB1R1..R4 then SECBB2R1..R4 as they are now.
    var blockSecurityWords: [UInt32] {
        [1, 2].flatMap { bank in (1...4).map { value(at: FlashRegister.blockSecurity(bank: bank, index: $0).offset) } }
    }

    /// The registers that, with the effective option bytes, decide each page's security now:
    /// SECBB1R1..SECBB2R4, then SECHDPCR.
    package var securityRegisters: [UInt32] { blockSecurityWords + [value(at: FlashRegister.sechdpcr.offset)] }

    /// A page's security now.
    package func security(of page: FlashPage) -> PageSecurity {
        PageSecurity.of(
            page, options: effective, layout: layout, blockSecurity: blockSecurityWords,
            hideControl: value(at: FlashRegister.sechdpcr.offset))
    }

    /// Whether a page is in a closed hide area.
    package func isHidden(_ page: FlashPage) -> Bool { security(of: page) == .hidden }

    /// What a read of `size` bytes at `address` through window `window` (1: the secure alias) gets
    /// instead of the bytes, or nil when it may see them: a hidden page refuses everyone, a secure
    /// page the non-secure alias, a non-secure page the secure alias (assumptions
    /// hidden-area-read and security-mismatch-read).
    func readRefusal(address: UInt32, size: AccessSize, window: Int) -> ReadRefusal? {
        // Every flash read asks: the TZEN field is looked up once, not by name per access.
        guard let tzen = Self.tzenField, effective[tzen] == 1 else { return nil }
        let secureAccess = window == 1
        var mismatch = false
        for byte in [address, address &+ UInt32(size.rawValue - 1)] {
            guard let location = try? layout.locate(byte),
                let page = layout.page(physicalBank: location.physicalBank, pnb: location.pnb)
            else { continue }
            switch security(of: page) {
            case .hidden:
                let reason = "\(hex(byte)) is in a closed secure hide area (HDPx_ACCDIS)"
                return assumptions.hiddenAreaRead == .zero ? .zero(reason) : .fault(reason)
            case .secure: mismatch = mismatch || !secureAccess
            case .nonSecure: mismatch = mismatch || secureAccess
            }
        }
        guard mismatch else { return nil }
        let reason =
            secureAccess
            ? "\(hex(address)) is a non-secure page read through the secure alias"
            : "\(hex(address)) is a secure page read through the non-secure alias"
        return assumptions.securityMismatchRead == .zero ? .zero(reason) : .fault(reason)
    }

    /// Block-based secure pages or a hide area also forbid a DBANK change (reference §8; the
    /// HAL's HAL_FLASHEx_OB_DBankConfig clears SECBB first): checked at OPTSTRT.
    var securityBlocksBankModeChange: Bool {
        guard effective.trustZone || written.trustZone else { return false }
        let blockBased = blockSecurityWords.contains { $0 != 0 }
        let hideArea = [1, 2].contains { bank in
            OptionField.named("HDP\(bank)EN").map { written[$0] == 1 } ?? false
        }
        return blockBased || hideArea
    }
}
