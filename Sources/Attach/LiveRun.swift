import FlashCore
import GDBRemote

/// An operation a live chip is asked to do, in the words both front ends give it.
package enum LiveRequest: Sendable, Equatable {
    /// The sectors covering `[from, from + length)`; without a length, the sector holding `from`.
    case erase(from: UInt32, length: UInt32?)
    case program(MemoryImage)
    /// Option fields set (by name) on the chip's own option registers; `launch` adds OBL_LAUNCH.
    case options([OptionSetting], launch: Bool)

    /// A few words for messages: `erase`, `program`, `ob`.
    package var name: String {
        switch self {
        case .erase: "erase"
        case .program: "program"
        case .options: "ob"
        }
    }
}

/// One `NAME=VALUE` of an option-byte change.
package struct OptionSetting: Sendable, Equatable {
    package let name: String
    package let value: UInt32

    package init(_ name: String, _ value: UInt32) {
        self.name = name
        self.value = value
    }
}

/// Why a live run did not get to its verdict.
package enum LiveRunError: Error, Equatable, CustomStringConvertible {
    /// The prediction could not run (a bad option name or value, an address no sector covers).
    case prediction(EngineError)
    /// The request takes a risk the user has not accepted; the text says which, in words.
    case risk(String)
    /// The connection was lost while the chip worked: the last access it acknowledged.
    case lost(ClientError, lastAcknowledged: String, accesses: Int)
    /// The read-back after the operation failed.
    case readBack(ClientError)

    package var description: String {
        switch self {
        case .prediction(let error): "\(error)"
        case .risk(let text): text
        case .lost(let error, let last, let accesses):
            "the connection was lost: \(error); the last acknowledged access was \(last) (\(accesses) in all)"
        case .readBack(let error): "reading back what the operation touched: \(error)"
        }
    }
}

/// What a live run did: the prediction, the chip's calls, and where the chip and the model differ.
package struct LiveOutcome: Sendable {
    package var prediction: OperationResult
    /// The entry points called on the chip, with their return codes.
    package var calls: [String]
    /// The chip's own failure (an entry point's return code), if any.
    package var chipFailure: String?
    package var accesses: Int
    /// Empty when the chip did what the model predicted.
    package var divergences: [Divergence]
    /// The model after the prediction (the engine's machine the read-back was compared with).
    package var predicted: DeviceState
    /// The chip's accesses in the model's words (register names, fields, the entry points), at the host's times.
    package var trace: [RenderedTraceEntry]
    /// The chip's bus accesses in all (`trace` keeps the first and last halves of a long operation).
    package var traceTotal: Int
    /// The prediction's accesses, at the model's virtual times.
    package var predictedTrace: [RenderedTraceEntry]
    /// Each busy wait on the chip beside the model's (information; `divergences` has the ones out of range).
    package var timing: [String]
    /// Where the chip's sequence of accesses left the model's, if it did.
    package var departure: String?
}

/// Predict on the model, run on the chip, compare: the one path `attach --live` and
/// `tui --attach --live` share. The prediction runs the engine's built-in bank-aware algorithm
/// on `model`; the chip runs the same algorithm through `memory`; the read-back is `LiveCheck`'s.
package enum LiveRun {
    /// Refuses what the user has not accepted: OBL_LAUNCH resets the chip (`allowReset`); RDP and
    /// TZEN changes may lock the debugger out (`allowLockout`).
    package static func checkRisk(
        _ request: LiveRequest, chipOptions: OptionBytes, model: DeviceState, allowReset: Bool, allowLockout: Bool
    ) throws(LiveRunError) {
        guard case .options(let settings, let launch) = request else { return }
        if launch && !allowReset {
            throw .risk(
                "OBL_LAUNCH resets the chip (its firmware restarts, the server may lose the core for a moment); "
                    + "add --allow-reset to do it")
        }
        let target = try self.target(chipOptions, settings, model)
        let risky = [OptionField.rdp, OptionField.tzen].filter { chipOptions[$0] != target[$0] }
        guard !risky.isEmpty, !allowLockout else { return }
        throw .risk(
            "this changes \(risky.map(\.name).joined(separator: " and ")) on the chip: RDP level 1 shuts "
                + "the debugger out of the flash (back to level 0 mass-erases it), level 2 can never be undone, TZEN "
                + "changes what the debugger may reach; add --allow-lockout to do it")
    }

    /// Runs `request`: checked against the accepted risks, predicted on `model` (`predicted` hears
    /// the prediction before the chip is touched), done on the chip, read back and compared.
    package static func run(
        _ request: LiveRequest, model: DeviceState, chip memory: any ChipMemory, chipOptions: OptionBytes,
        allowReset: Bool, allowLockout: Bool, predicted: (OperationResult) -> Void = { _ in },
        hostTime: @escaping HostClock = monotonicNanoseconds
    ) throws(LiveRunError) -> LiveOutcome {
        try checkRisk(
            request, chipOptions: chipOptions, model: model, allowReset: allowReset, allowLockout: allowLockout)
        let machine = Machine(state: model)
        let engine = FlashEngine(machine: machine)
        let algorithm = engine.builtIn()
        let live = LiveOperation(
            memory, geometry: algorithm.geometry, assumptions: model.assumptions, hostTime: hostTime)
        var prediction: OperationResult
        let run: () throws(ClientError) -> Void
        // The chip's own option registers plus the settings, as the bytes a program keeps come from the chip.
        var target = chipOptions
        if case .options(let settings, _) = request { target = try self.target(chipOptions, settings, model) }
        do {
            switch request {
            case .erase(let start, let length):
                prediction = try engine.erase(from: start, length: length, using: algorithm)
                run = { () throws(ClientError) in try live.erase(from: start, length: length) }
            case .program(let image):
                prediction = try engine.program(image, using: algorithm)
                run = { () throws(ClientError) in try live.program(image) }
            case .options(let settings, let launch):
                prediction = try engine.setOptions(settings.map { ($0.name, $0.value) }, launch: launch)
                run = { () throws(ClientError) in try live.setOptions(target, launch: launch) }
            }
        } catch {
            throw .prediction(error)
        }
        prediction.predicted = true
        let predictedTrace = machine.renderedTrace()
        predicted(prediction)
        do {
            try run()
        } catch {
            throw .lost(error, lastAcknowledged: live.target.lastAcknowledged ?? "none", accesses: live.target.accesses)
        }
        // The chip's accesses named through the model's own register declarations (the same address map).
        let trace = live.bus.trace.entries(limit: TraceRecorder.savedLimit).map(machine.render)
        let timing = BusyTiming(chip: BusyWait.find(in: trace), model: BusyWait.find(in: predictedTrace))
        var divergences: [Divergence] = []
        // The algorithm's own verdict first: an entry point that failed on one side only.
        if prediction.succeeded != (live.failed == nil) {
            divergences.append(
                Divergence(
                    what: "the algorithm",
                    predicted: prediction.succeeded ? "success" : prediction.summary,
                    chip: live.failed ?? "success"))
        }
        do {
            divergences += try LiveCheck.compare(predicted: machine, result: prediction, chip: memory)
        } catch {
            throw .readBack(error)
        }
        divergences += timing.divergences
        return LiveOutcome(
            prediction: prediction, calls: live.calls, chipFailure: live.failed, accesses: live.target.accesses,
            divergences: divergences, predicted: machine.state, trace: trace, traceTotal: live.bus.trace.count,
            predictedTrace: predictedTrace,
            timing: timing.lines, departure: TraceDeparture.first(model: predictedTrace, chip: trace))
    }

    /// The chip's option registers with the settings applied; a page typed as an address is read
    /// under the model's part and assumptions.
    private static func target(_ options: OptionBytes, _ settings: [OptionSetting], _ model: DeviceState)
        throws(LiveRunError) -> OptionBytes
    {
        var target = options
        do {
            try target.apply(settings.map { ($0.name, $0.value) }, part: model.part, assumptions: model.assumptions)
        } catch {
            throw .prediction(.badOption(error))
        }
        return target
    }
}
