/// The flash status registers by name and address, for a front end that reads them from a real
/// chip (attach's live check) and compares them with the model's.
package enum FlashStatusRegister: CaseIterable, Sendable {
    case nssr, secsr

    package var name: String { self == .nssr ? "NSSR" : "SECSR" }

    package var address: UInt32 { FlashRegisters.base + (self == .nssr ? FlashRegister.nssr : .secsr).offset }

    /// The control register whose operations (STRT, OPTSTRT) this one reports: NSCR, SECCR.
    package var controlAddress: UInt32 { FlashRegisters.base + (self == .nssr ? FlashRegister.nscr : .seccr).offset }

    /// The flags set in a value, by name (`EOP`, `PGAERR`, ...).
    package static func flags(_ value: UInt32) -> [String] {
        StatusFlag.allCases.filter { value & $0.mask != 0 }.map(\.name)
    }
}
