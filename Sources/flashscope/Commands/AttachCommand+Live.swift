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
        let (model, source) = try liveModel(session)
        let machine = Machine(state: model)
        let engine = FlashEngine(machine: machine)
        let algorithm = engine.builtIn()
        let live = LiveOperation(session.client, geometry: algorithm.geometry, assumptions: model.assumptions)
        var prediction: OperationResult
        let run: () throws(ClientError) -> Void
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
            prediction = try engine.erase(from: start, length: length, using: algorithm)
            run = { () throws(ClientError) in try live.erase(from: start, length: length) }
        case "ob":
            let settings = try optionSettings()
            // The chip's own option registers plus the settings, as the bytes a program keeps come from the chip.
            var target = session.identity.options
            do {
                try target.apply(settings, part: machine.part, assumptions: machine.controller.assumptions)
            } catch {
                throw CommandFailure(EngineError.badOption(error))
            }
            try checkRisk(from: session.identity.options, to: target)
            prediction = try engine.setOptions(settings, launch: launch)
            let launching = launch
            run = { () throws(ClientError) in try live.setOptions(target, launch: launching) }
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
            prediction = try engine.program(image, using: algorithm)
            run = { () throws(ClientError) in try live.program(image) }
        }
        prediction.predicted = true
        if !options.json {
            print("prediction (on \(source)):")
            print(ResultText.render(prediction))
        }
        do {
            try run()
        } catch {
            let last = live.target.lastAcknowledged ?? "none"
            throw CommandFailure(
                "attach: \(session.address): the connection was lost during the live \(operation): \(error); "
                    + "the last acknowledged access was \(last) (\(live.target.accesses) in all)",
                status: ExitStatus.unavailable)
        }
        var divergences: [Divergence] = []
        // The algorithm's own verdict first: an entry point that failed on one side only.
        if prediction.succeeded != (live.failed == nil) {
            divergences.append(
                Divergence(
                    what: "the algorithm",
                    predicted: prediction.succeeded ? "success" : ResultText.headline(prediction),
                    chip: live.failed ?? "success"))
        }
        do {
            divergences += try LiveCheck.compare(predicted: machine, result: prediction, chip: session.client)
        } catch {
            throw AttachSession.failure(session.address, error)
        }
        if options.json {
            JSONOutput.print(
                [
                    "model": source, "prediction": JSONOutput.result(prediction), "calls": live.calls,
                    "chipFailure": live.failed ?? NSNull(), "accesses": live.target.accesses,
                    "asPredicted": divergences.isEmpty, "divergences": divergences.map(\.description),
                ] as [String: Any])
        } else {
            print("on the chip (\(live.target.accesses) accesses through \(session.address)):")
            for call in live.calls { print("  \(call)") }
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
        if let failed = live.failed {
            printError("attach: the chip reported an error, as predicted: \(failed)")
            throw ExitCode(ExitStatus.deviceError)
        }
    }

    /// `NAME=VALUE` operands, as `ob set` takes them.
    private func optionSettings() throws -> [(name: String, value: UInt32)] {
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
            return (parts[0], value)
        }
    }

    /// RDP and TZEN changes on a live chip need --allow-lockout, which says what it risks.
    private func checkRisk(from current: OptionBytes, to target: OptionBytes) throws {
        let risky = [OptionField.rdp, OptionField.tzen].filter { current[$0] != target[$0] }
        guard !risky.isEmpty, !allowLockout else { return }
        throw CommandFailure(
            "attach: --live ob changes \(risky.map(\.name).joined(separator: " and ")) on the chip: RDP level 1 shuts "
                + "the debugger out of the flash (back to level 0 mass-erases it), level 2 can never be undone, TZEN "
                + "changes what the debugger may reach; add --allow-lockout to do it", status: ExitStatus.usage)
    }

    /// The model the prediction runs on: the device file when one is named, else a fresh snapshot.
    private func liveModel(_ session: AttachSession) throws -> (DeviceState, String) {
        let environment = ProcessInfo.processInfo.environment["FLASHSCOPE_DEVICE"].map { !$0.isEmpty } ?? false
        if options.device != nil || environment {
            let path = options.resolvedPath.path
            return (try DeviceStore.open(at: path, access: .read).load(), path)
        }
        return (try session.snapshot(part: part.flatMap(Part.named), octoSPILength: 0).state, "a snapshot taken now")
    }
}
