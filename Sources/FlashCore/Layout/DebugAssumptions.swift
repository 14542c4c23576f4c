/// What the sources leave open about the L5's debug port (debug-port.md), as choices `serve` follows.
package struct DebugAssumptions: Equatable, Hashable, Sendable {
    /// What the boundary-scan TAP answers in its IDCODE register.
    package enum BoundaryScanIDCODE: String, CaseIterable, Sendable {
        /// 0x06472041, the id seen on L5 parts (debug-port.md §1, not checked by OpenOCD's cfg).
        case l5 = "0x06472041"
        /// No IDCODE register: the TAP resets to BYPASS.
        case none
    }

    /// Which banked stack pointers the debugger's MSP and PSP (DCRSR 17, 18) are: the reference
    /// gives the Security Extension's four (MSP_NS, PSP_NS, MSP_S, PSP_S) but not which pair an
    /// L5's core uses with TZEN=0 and with TZEN=1.
    package enum StackPointerBank: String, CaseIterable, Sendable {
        /// The pair of the state the model runs the core in: non-secure with TZEN=0, secure with TZEN=1.
        case runningState = "running-state"
        /// Always MSP_S and PSP_S (a core with the Security Extension leaves reset secure).
        case secure
        /// Always MSP_NS and PSP_NS.
        case nonSecure = "non-secure"
    }

    package var boundaryScanIDCODE: BoundaryScanIDCODE = .l5
    package var stackPointerBank: StackPointerBank = .runningState

    package init() {}

    /// Whether MSP and PSP are MSP_S and PSP_S (else MSP_NS and PSP_NS) with TrustZone as given.
    package func stackPointersAreSecure(trustZone: Bool) -> Bool {
        switch stackPointerBank {
        case .runningState: trustZone
        case .secure: true
        case .nonSecure: false
        }
    }

    /// The IDCODE value, or nil for a TAP without one.
    package var boundaryScanIDCODEValue: UInt32? {
        switch boundaryScanIDCODE {
        case .l5: 0x0647_2041
        case .none: nil
        }
    }
}

extension ModelAssumptions {
    /// The debug-port entries of `specs`, in the order `info` shows them.
    static let debugSpecs: [AssumptionSpec] = [
        spec(
            "boundary-scan-idcode", \.debug.boundaryScanIDCODE,
            question: "What IDCODE does the boundary-scan TAP next to the JTAG-DP answer?",
            rationale: "0x06472041 is what L5 parts report; OpenOCD's stm32l5x.cfg does not check it either way."),
        spec(
            "stack-pointer-bank", \.debug.stackPointerBank,
            question: "Which banked pair (MSP_NS/PSP_NS or MSP_S/PSP_S) are MSP and PSP, with TZEN=0 and TZEN=1?",
            rationale:
                "The model runs the core non-secure with TZEN=0 and secure with TZEN=1 (DSCSR.CDS says so), "
                + "so MSP and PSP are that state's pair; the reference names the four registers, not the pairing."),
    ]
}
