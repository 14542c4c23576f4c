import ArgumentParser
import Attach
import DeviceStore
import FlashCore
import Foundation
import GDBRemote

extension AttachCommand {
    /// `--live erase|program`: the prediction on the snapshot, the same algorithm on the chip,
    /// then the read-back compared with the prediction.
    func runLive(_ operation: String, _ session: AttachSession) throws {
        guard session.identity.halted else {
            throw CommandFailure(
                "attach: --live needs a halted core (running firmware could use the flash meanwhile): add --halt",
                status: ExitStatus.usage)
        }
        let request = try liveRequest(operation)
        let (model, source) = try liveModel(session)
        let outcome: LiveOutcome
        do {
            outcome = try LiveRun.run(
                request, model: model, chip: session.client, chipOptions: session.identity.options,
                allowReset: board.allowReset, allowLockout: board.allowLockout
            ) { prediction in
                guard !options.json else { return }
                print("prediction (on \(source)):")
                print(ResultText.render(prediction))
            }
        } catch {
            switch error {
            case .prediction(let engine): throw CommandFailure(engine)
            case .risk(let text): throw CommandFailure("attach: --live ob: \(text)", status: ExitStatus.usage)
            case .lost(let client, let last, let accesses):
                throw CommandFailure(
                    "attach: \(session.address): the connection was lost during the live \(operation): \(client); "
                        + "the last acknowledged access was \(last) (\(accesses) in all)",
                    status: ExitStatus.unavailable)
            case .readBack(let client): throw AttachSession.failure(session.address, client)
            }
        }
        let prediction = outcome.prediction
        let divergences = outcome.divergences
        if options.json {
            var document: [String: Any] = [
                "model": source, "prediction": JSONOutput.result(prediction), "calls": outcome.calls,
                "chipFailure": outcome.chipFailure ?? NSNull(), "accesses": outcome.accesses,
                "asPredicted": divergences.isEmpty, "divergences": divergences.map(\.description),
                "timing": outcome.timing, "departure": outcome.departure ?? NSNull(),
            ]
            if trace {
                document["predictedTrace"] = TraceText.json(outcome.predictedTrace)
                document["trace"] = TraceText.json(outcome.trace)
            }
            JSONOutput.print(document)
        } else {
            if trace { printTraces(outcome) }
            print("on the chip (\(outcome.accesses) accesses through \(session.address)):")
            for call in outcome.calls { print("  \(call)") }
            for line in outcome.timing { print(line) }
            if divergences.isEmpty {
                print("the chip did what the model predicted")
            } else {
                print("the chip did NOT do what the model predicted:")
                for divergence in divergences { print("  \(divergence)") }
            }
        }
        if !divergences.isEmpty {
            printError("attach: the chip diverged from the prediction in \(divergences.count) place(s)")
            throw ExitCode(ExitStatus.divergence)
        }
        if let failed = outcome.chipFailure {
            printError("attach: the chip reported an error, as predicted: \(failed)")
            throw ExitCode(ExitStatus.deviceError)
        }
    }

    /// `--trace`: both traces as `flashscope trace` prints one, then where the chip's sequence departed.
    private func printTraces(_ outcome: LiveOutcome) {
        print("trace of the prediction (the model):")
        TraceText.printEntries(
            outcome.predictedTrace, kept: outcome.predictedTrace.count, total: outcome.prediction.accesses)
        print("trace on the chip (each access one round trip):")
        TraceText.printEntries(outcome.trace, kept: outcome.trace.count, total: outcome.traceTotal)
        print(outcome.departure ?? "the chip's accesses follow the model's (a run of the same busy poll taken as one)")
    }

    /// The operation and its operands, as the command line names them.
    private func liveRequest(_ operation: String) throws -> LiveRequest {
        switch operation {
        case "erase":
            guard (1...2).contains(operands.count), let start = Number.parse(operands[0]) else {
                throw CommandFailure("attach: --live erase takes ADDRESS [LENGTH]", status: ExitStatus.usage)
            }
            var length: UInt32?
            if operands.count == 2 {
                guard let value = Number.parse(operands[1]) else {
                    throw CommandFailure(
                        "attach: --live erase: '\(operands[1])' is not a length", status: ExitStatus.usage)
                }
                length = value
            }
            guard FlashRegion.of(start) == .flash else {
                throw CommandFailure(
                    "attach: --live erase: \(hex(start)) is not in the embedded flash (the only flash --live erases)",
                    status: ExitStatus.usage)
            }
            return .erase(from: start, length: length)
        case "ob":
            return .options(try optionSettings(), launch: launch)
        default:
            guard operands.count == 1 else {
                throw CommandFailure("attach: --live program takes one FILE", status: ExitStatus.usage)
            }
            let image = try firmware.load(operands[0])
            let outside = image.segments.first { segment in
                !segment.bytes.isEmpty
                    && (FlashRegion.of(segment.address) != .flash
                        || FlashRegion.of(segment.address + UInt32(segment.bytes.count - 1)) != .flash)
            }
            if let outside {
                throw CommandFailure(
                    "attach: --live program: \(operands[0]) has bytes at \(hex(outside.address)), outside the embedded "
                        + "flash (the only flash --live programs)", status: ExitStatus.usage)
            }
            return .program(image)
        }
    }

    /// `NAME=VALUE` operands, as `ob set` takes them.
    private func optionSettings() throws -> [OptionSetting] {
        guard !operands.isEmpty else {
            throw CommandFailure("attach: --live ob takes NAME=VALUE...", status: ExitStatus.usage)
        }
        return try operands.map { setting in
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw CommandFailure("attach: --live ob: '\(setting)' is not NAME=VALUE", status: ExitStatus.usage)
            }
            guard let value = Number.parse(parts[1]) else {
                throw CommandFailure(
                    "attach: --live ob: \(parts[0]): '\(parts[1])' is not a number", status: ExitStatus.badInput)
            }
            return OptionSetting(parts[0], value)
        }
    }

    /// The model the prediction runs on: the device file when one is named, else a fresh snapshot.
    private func liveModel(_ session: AttachSession) throws -> (DeviceState, String) {
        let environment = ProcessInfo.processInfo.environment["FLASHSCOPE_DEVICE"].map { !$0.isEmpty } ?? false
        if options.device != nil || environment {
            let path = options.resolvedPath.path
            return (try DeviceStore.open(at: path, access: .read).load(), path)
        }
        return (try session.snapshot(part: board.chosenPart, octoSPILength: 0).state, "a snapshot taken now")
    }
}
