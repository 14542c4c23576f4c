/// What the sources leave open about the L5's debug port (debug-port.md), as choices `serve` follows.
package struct DebugAssumptions: Equatable, Hashable, Sendable {
    /// What the boundary-scan TAP answers in its IDCODE register.
    package enum BoundaryScanIDCODE: String, CaseIterable, Sendable {
        /// 0x06472041, the id seen on L5 parts (debug-port.md §1, not checked by OpenOCD's cfg).
        case l5 = "0x06472041"
        /// No IDCODE register: the TAP resets to BYPASS.
        case none
    }

    package var boundaryScanIDCODE: BoundaryScanIDCODE = .l5

    package init() {}

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
            rationale: "0x06472041 is what L5 parts report; OpenOCD's stm32l5x.cfg does not check it either way.")
    ]
}
