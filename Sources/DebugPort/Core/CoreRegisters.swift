/// The Cortex-M33's registers as the debugger reaches them through DCRSR's REGSEL
/// (debug-port.md §5): r0-r12, SP, LR, the DebugReturnAddress (PC), xPSR, MSP, PSP, the
/// packed CONTROL/FAULTMASK/BASEPRI/PRIMASK, the banked stack pointers and limits of the
/// Security Extension, FPSCR and S0-S31.
package struct CoreRegisters: Sendable, Equatable {
    package enum Selector {
        package static let stackPointer: UInt32 = 13
        package static let linkRegister: UInt32 = 14
        package static let programCounter: UInt32 = 15
        package static let programStatus: UInt32 = 16
        package static let mainStackPointer: UInt32 = 17
        package static let processStackPointer: UInt32 = 18
        package static let specialRegisters: UInt32 = 20
        /// MSP_NS, PSP_NS, MSP_S, PSP_S, MSPLIM_S, PSPLIM_S, MSPLIM_NS, PSPLIM_NS.
        package static let securityExtension: ClosedRange<UInt32> = 0x18...0x1F
        /// CONTROL/FAULTMASK/BASEPRI/PRIMASK, secure and non-secure banks.
        package static let bankedSpecial: ClosedRange<UInt32> = 0x22...0x23
        package static let floatingStatus: UInt32 = 0x21
        package static let singlePrecision: ClosedRange<UInt32> = 0x40...0x5F
    }

    /// MSP or PSP for the banked selector of the pair they are (MSP_S/PSP_S when `secureStack`,
    /// else MSP_NS/PSP_NS: the `stack-pointer-bank` assumption); any other selector itself.
    package static func aliased(_ selector: UInt32, secureStack: Bool) -> UInt32 {
        // 0x18 MSP_NS, 0x19 PSP_NS, 0x1A MSP_S, 0x1B PSP_S.
        let pair = Selector.securityExtension.lowerBound + (secureStack ? 2 : 0)
        switch selector {
        case pair: return Selector.mainStackPointer
        case pair + 1: return Selector.processStackPointer
        default: return selector
        }
    }

    /// Thumb state: the T bit of xPSR after reset.
    package static let thumbBit: UInt32 = 1 << 24

    private var values: [UInt32: UInt32] = [:]

    package init() { values[Selector.programStatus] = Self.thumbBit }

    /// Whether REGSEL names a register this core has.
    package static func exists(_ selector: UInt32) -> Bool {
        selector <= Selector.processStackPointer || selector == Selector.specialRegisters
            || Selector.securityExtension.contains(selector) || Selector.bankedSpecial.contains(selector)
            || selector == Selector.floatingStatus || Selector.singlePrecision.contains(selector)
    }

    package subscript(_ selector: UInt32) -> UInt32 {
        get {
            switch selector {
            // SP is whichever stack pointer is active; in Thread mode with CONTROL.SPSEL=0 and in
            // Handler mode it is MSP. Only MSP is modelled as the active one unless SPSEL is set.
            case Selector.stackPointer:
                values[usesProcessStack ? Selector.processStackPointer : Selector.mainStackPointer] ?? 0
            default: values[selector] ?? 0
            }
        }
        set {
            switch selector {
            case Selector.stackPointer:
                values[usesProcessStack ? Selector.processStackPointer : Selector.mainStackPointer] = newValue & ~3
            case Selector.mainStackPointer, Selector.processStackPointer: values[selector] = newValue & ~3
            default: values[selector] = newValue
            }
        }
    }

    /// CONTROL.SPSEL (bit 1 of CONTROL, packed at bits 31:24 of REGSEL 20) in Thread mode.
    private var usesProcessStack: Bool {
        let control = (values[Selector.specialRegisters] ?? 0) >> 24
        let exception = (values[Selector.programStatus] ?? 0) & 0x1FF
        return control & 0b10 != 0 && exception == 0
    }

    package var programCounter: UInt32 {
        get { self[Selector.programCounter] }
        set { self[Selector.programCounter] = newValue }
    }

    /// The state after a reset: MSP and PC from the vector table, Thumb, everything else zero.
    package static func afterReset(initialStack: UInt32, resetVector: UInt32) -> CoreRegisters {
        var registers = CoreRegisters()
        registers[Selector.mainStackPointer] = initialStack
        registers[Selector.programCounter] = resetVector & ~1
        registers[Selector.linkRegister] = 0xFFFF_FFFF
        return registers
    }
}
