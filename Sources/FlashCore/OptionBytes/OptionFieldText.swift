/// Option field values as users read and type them: flags as 0/1, numbers and page numbers
/// in decimal, codes in hex, and boot address fields as the address itself (the register
/// keeps address bits 31:7, so `NSBOOTADD0=0x08000000` is typed as STM32CubeProgrammer takes it).
/// Page fields also take a flash address, as the page holding it (`WRP1A_PEND=0x0803F800`).
extension OptionField {
    /// The value shown for a field value: `1`, `3`, `page 127`, `0xAA`, `0x08000000`.
    package func text(_ value: UInt32) -> String {
        switch kind {
        case .flag, .number: String(value)
        case .page: "page \(value)"
        case .code: "0x" + String(value, radix: 16, uppercase: true)
        case .address: hex(address(of: value))
        }
    }

    /// What a user types for a field value: the address for an address field, else the value.
    package func typed(_ value: UInt32) -> UInt32 {
        kind == .address ? address(of: value) : value
    }

    /// The field value for what a user typed; a boot address must be 128-byte aligned.
    package func fieldValue(typed value: UInt32) throws(OptionBytesError) -> UInt32 {
        if kind == .address {
            guard value & lowBits == 0 else { throw .unalignedAddress(field: name, address: value) }
            return value >> UInt32(lsb)
        }
        guard value <= maxValue else { throw .valueTooLarge(field: name, value: value, max: maxValue) }
        return value
    }

    /// The page a flash address (either alias) typed for a page field names under `layout`, the
    /// layout the value will be in force with; it must lie in the bank the field numbers. Nil when
    /// the value is no flash address: a page number stays one, for `fieldValue(typed:)`. An area's
    /// end field naming the page holding an address is right: the area's last byte is that page's last.
    package func page(typed value: UInt32, layout: FlashLayout) throws(OptionBytesError) -> FlashLocation? {
        guard kind == .page, FlashRegion.of(value) == .flash, let bank = OptionPageArea.bank(numberedBy: self) else {
            return nil
        }
        let location: FlashLocation
        do { location = try layout.locate(value) } catch {
            throw .pageAddressRefused(field: name, address: value, reason: error.reason)
        }
        // With DBANK=0 every area numbers the pages of the one bank (reference §2.2).
        guard !layout.dualBank || location.physicalBank == bank else {
            let swap = layout.swapped ? " (SWAP_BANK=1 maps it there)" : ""
            let first = layout.bankStart(layout.logicalBank(forPhysical: bank))
            throw .pageAddressRefused(
                field: name, address: value,
                reason: "it lies in bank \(location.physicalBank)\(swap), but \(name) numbers the pages of bank "
                    + "\(bank), \(hex(first))–\(hex(first + layout.bankSize - 1)) (\(layout.modeText))")
        }
        return location
    }

    /// A field value as an editor prefills it: what the user would type for it.
    package func typedText(_ value: UInt32) -> String { typedValueText(typed(value)) }

    /// A value as typed (`NAME=VALUE` in `ob set`, the history): hex for codes and addresses
    /// (a page field typed as an address included).
    package func typedValueText(_ typed: UInt32) -> String {
        switch kind {
        case .page where FlashRegion.of(typed) == .flash: hex(typed)
        case .flag, .number, .page: String(typed)
        case .code: "0x" + String(typed, radix: 16, uppercase: true)
        case .address: hex(typed)
        }
    }

    /// The address bits below the field (6:0 for the boot addresses), which it cannot hold.
    private var lowBits: UInt32 { (UInt32(1) << UInt32(lsb)) - 1 }

    private func address(of value: UInt32) -> UInt32 { value << UInt32(lsb) }
}
