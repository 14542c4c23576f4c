/// The two address windows of the embedded flash.
package enum FlashAlias: String, Sendable, Equatable {
    case nonSecure = "non-secure"
    case secure

    package var base: UInt32 { self == .nonSecure ? FlashLayout.nonSecureBase : FlashLayout.secureBase }
}

/// Where an address lands in the embedded flash: which bank and page, and what the controller needs to erase it.
package struct FlashLocation: Equatable, Sendable {
    package let address: UInt32
    package let alias: FlashAlias
    /// The bank the address is mapped to (1 for the bank at 0x0800_0000).
    package let bank: Int
    /// The physical bank behind it (differs from `bank` when SWAP_BANK=1).
    package let physicalBank: Int
    /// The page number the controller expects in PNB.
    package let pnb: Int
    /// The value the controller expects in BKER.
    package let bker: Int
    package let pageSize: UInt32
    /// First address of the page, in the same alias as `address`.
    package let pageAddress: UInt32
    /// Byte offset in the physical flash array.
    package let physicalOffset: UInt32
}

/// An address that is not in the embedded flash.
package struct LocateError: Error, Equatable, Sendable, CustomStringConvertible {
    package let address: UInt32
    package let reason: String
    package var description: String { "\(hex(address)): \(reason)" }
}

/// One erasable page as the controller sees it.
package struct FlashPage: Equatable, Sendable {
    package let bank: Int
    package let physicalBank: Int
    package let pnb: Int
    package let bker: Int
    package let size: UInt32
    /// Non-secure address of the first byte.
    package let address: UInt32
    package let physicalOffset: UInt32
}

/// The embedded flash organisation that follows from a part, its effective option bytes and the model assumptions.
package struct FlashLayout: Equatable, Sendable {
    package static let nonSecureBase: UInt32 = 0x0800_0000
    package static let secureBase: UInt32 = 0x0C00_0000

    package let part: Part
    package let assumptions: ModelAssumptions
    package let dualBank: Bool
    package let swapped: Bool
    package let pageSize: UInt32
    package let bankSize: UInt32
    /// Offset from the base at which the second bank's addresses begin (dual-bank mode only).
    package let bank2Offset: UInt32

    package init(part: Part, options: OptionBytes, assumptions: ModelAssumptions) {
        self.part = part
        self.assumptions = assumptions
        if part.isSmallFlash && assumptions.smallPartDualBankBit == .db256k {
            dualBank = options.db256k
        } else {
            dualBank = options.dualBankBit
        }
        // The page size follows DBANK on every part (OpenOCD a1903f286, HAL FLASH_PAGE_SIZE).
        pageSize = options.dualBankBit ? 2048 : 4096
        swapped = dualBank && options.swapBank
        bankSize = dualBank ? part.flashSize / 2 : part.flashSize
        if dualBank && part.isSmallFlash && assumptions.smallPartBank2 == .gap {
            bank2Offset = 0x4_0000
        } else {
            bank2Offset = bankSize
        }
    }

    package var bankCount: Int { dualBank ? 2 : 1 }

    /// The bank mode as the option bit that sets it says: `DBANK=1`, `DBANK=1, SWAP_BANK=1`, `DBANK=0`
    /// (`DB256K=1` on a 256 KiB part under the db256k assumption).
    package var modeText: String {
        let bit = part.isSmallFlash && assumptions.smallPartDualBankBit == .db256k ? "DB256K" : "DBANK"
        return "\(bit)=\(dualBank ? 1 : 0)" + (swapped ? ", SWAP_BANK=1" : "")
    }

    package var pagesPerBank: Int { Int(bankSize / pageSize) }
    package var pageCount: Int { pagesPerBank * bankCount }

    /// Offset (from the base) where a logical bank starts.
    package func bankStartOffset(_ bank: Int) -> UInt32 { bank == 1 ? 0 : bank2Offset }

    /// Non-secure address where a logical bank starts.
    package func bankStart(_ bank: Int) -> UInt32 { Self.nonSecureBase + bankStartOffset(bank) }

    /// The physical bank mapped as a logical bank.
    package func physicalBank(forLogical bank: Int) -> Int { swapped ? 3 - bank : bank }

    package func logicalBank(forPhysical bank: Int) -> Int { swapped ? 3 - bank : bank }

    /// BKER value the controller expects for a physical bank, under the assumption in force.
    package func bker(forPhysicalBank bank: Int) -> Int {
        guard dualBank else { return 0 }
        switch assumptions.bankEraseBitUnderSwap {
        case .physical: return bank - 1
        case .logical: return logicalBank(forPhysical: bank) - 1
        }
    }

    /// The physical bank the controller erases for a BKER value.
    package func physicalBank(forBKER bker: Int) -> Int {
        guard dualBank else { return 1 }
        switch assumptions.bankEraseBitUnderSwap {
        case .physical: return bker + 1
        case .logical: return physicalBank(forLogical: bker + 1)
        }
    }

    /// Where a page of a physical bank lives in the physical array.
    package func physicalOffset(physicalBank: Int, page: Int) -> UInt32 {
        UInt32(physicalBank - 1) * bankSize + UInt32(page) * pageSize
    }

    /// The page a controller command names, or nil when PNB is past the bank's end.
    package func page(physicalBank: Int, pnb: Int) -> FlashPage? {
        guard pnb >= 0 && pnb < pagesPerBank else { return nil }
        let bank = logicalBank(forPhysical: physicalBank)
        return FlashPage(
            bank: bank, physicalBank: physicalBank, pnb: pnb, bker: bker(forPhysicalBank: physicalBank),
            size: pageSize, address: bankStart(bank) + UInt32(pnb) * pageSize,
            physicalOffset: physicalOffset(physicalBank: physicalBank, page: pnb))
    }

    /// The non-secure address at which a physical byte appears.
    package func address(ofPhysicalOffset offset: UInt32) -> UInt32 {
        guard dualBank else { return Self.nonSecureBase + offset }
        let physical = Int(offset / bankSize) + 1
        return bankStart(logicalBank(forPhysical: physical)) + offset % bankSize
    }

    /// Every page, in address order.
    package var pages: [FlashPage] {
        (1...bankCount).flatMap { bank in
            (0..<pagesPerBank).compactMap { page(physicalBank: physicalBank(forLogical: bank), pnb: $0) }
        }
    }

    /// The address ranges (non-secure) that hold flash: one per bank, in address order.
    package var addressRanges: [ClosedRange<UInt32>] {
        (1...bankCount).map { bankStart($0)...(bankStart($0) + bankSize - 1) }
    }

    /// An address's offset in its alias window (the same for both twins).
    package static func offset(_ address: UInt32) -> UInt32 { address & (windowSize - 1) }

    /// The non-secure twin of an address in either flash window (other addresses unchanged).
    package static func nonSecureTwin(_ address: UInt32) -> UInt32 {
        isFlashWindow(address) ? nonSecureBase | offset(address) : address
    }

    /// The twin in the other alias window (0x08.. ↔ 0x0C..; other addresses unchanged).
    package static func otherTwin(_ address: UInt32) -> UInt32 {
        guard isFlashWindow(address) else { return address }
        return (address < secureBase ? secureBase : nonSecureBase) | offset(address)
    }

    /// The size of each alias window of the flash address space.
    package static let windowSize: UInt32 = 0x0100_0000

    /// Whether an address falls in either alias of the flash address space (mapped or not).
    package static func isFlashWindow(_ address: UInt32) -> Bool {
        (nonSecureBase..<nonSecureBase + windowSize).contains(address)
            || (secureBase..<secureBase + windowSize).contains(address)
    }

    /// Where an address lands, or why it lands nowhere.
    package func locate(_ address: UInt32) throws(LocateError) -> FlashLocation {
        let alias: FlashAlias
        if address >= Self.secureBase && address < Self.secureBase + Self.windowSize {
            alias = .secure
        } else if address >= Self.nonSecureBase && address < Self.nonSecureBase + Self.windowSize {
            alias = .nonSecure
        } else {
            throw LocateError(address: address, reason: "not in the embedded flash (0x08000000 or 0x0C000000 windows)")
        }
        let offset = address - alias.base
        let bank: Int
        if !dualBank || offset < bank2Offset {
            bank = 1
        } else {
            bank = 2
        }
        let inBank = offset - bankStartOffset(bank)
        guard inBank < bankSize else {
            let end = bankStart(bankCount) + bankSize - 1 - Self.nonSecureBase + alias.base
            if bank == 1 && dualBank {
                throw LocateError(
                    address: address,
                    reason: "in the gap between bank 1 and bank 2 (bank 2 starts at \(hex(alias.base + bank2Offset)))")
            }
            throw LocateError(
                address: address,
                reason:
                    "past the end of the \(part.flashSize / 1024) KiB flash of \(part.name), which ends at \(hex(end))")
        }
        let physical = physicalBank(forLogical: bank)
        let pnb = Int(inBank / pageSize)
        return FlashLocation(
            address: address, alias: alias, bank: bank, physicalBank: physical, pnb: pnb,
            bker: bker(forPhysicalBank: physical), pageSize: pageSize,
            pageAddress: address - (inBank % pageSize),
            physicalOffset: physicalOffset(physicalBank: physical, page: pnb) + inBank % pageSize)
    }
}

/// `0x` and eight upper-case hex digits, the way every address is printed.
package func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
