/// The sixteen states of an IEEE 1149.1 TAP controller; TMS on each rising TCK edge moves between them.
package enum TAPState: Sendable, Equatable, CaseIterable {
    case testLogicReset, runTestIdle
    case selectDR, captureDR, shiftDR, exit1DR, pauseDR, exit2DR, updateDR
    case selectIR, captureIR, shiftIR, exit1IR, pauseIR, exit2IR, updateIR

    /// The state after a rising TCK edge with `tms`.
    package func next(tms: Bool) -> TAPState {
        switch self {
        case .testLogicReset: tms ? .testLogicReset : .runTestIdle
        case .runTestIdle: tms ? .selectDR : .runTestIdle
        case .selectDR: tms ? .selectIR : .captureDR
        case .captureDR: tms ? .exit1DR : .shiftDR
        case .shiftDR: tms ? .exit1DR : .shiftDR
        case .exit1DR: tms ? .updateDR : .pauseDR
        case .pauseDR: tms ? .exit2DR : .pauseDR
        case .exit2DR: tms ? .updateDR : .shiftDR
        case .updateDR: tms ? .selectDR : .runTestIdle
        case .selectIR: tms ? .testLogicReset : .captureIR
        case .captureIR: tms ? .exit1IR : .shiftIR
        case .shiftIR: tms ? .exit1IR : .shiftIR
        case .exit1IR: tms ? .updateIR : .pauseIR
        case .pauseIR: tms ? .exit2IR : .pauseIR
        case .exit2IR: tms ? .updateIR : .shiftIR
        case .updateIR: tms ? .selectDR : .runTestIdle
        }
    }
}
