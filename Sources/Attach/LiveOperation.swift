import FlashCore
import GDBRemote

/// An erase or program run on a chip behind a GDB server with FlashScope's built-in algorithm,
/// in the engine's order (Init at the flash base; EraseSector per declared sector; for a
/// program, each sector read back first, erased, then programmed in the runs `ProgramRuns`
/// picks; UnInit), every register access a round trip. The bytes a program keeps are read from
/// the chip, never from a snapshot, so a stale snapshot cannot overwrite the chip.
package final class LiveOperation {
    /// Busy polls a live chip gets: a page erase takes up to 22 ms (reference §6) and each poll
    /// is at least one round trip; 20,000 polls bound a stuck BSY to seconds, not forever.
    package static let pollLimit = 20_000

    package let target: RemoteChipTarget
    package let bus: Bus
    package let algorithm: InternalFlashAlgorithm
    /// The entry points called, in order, with their return codes (the trace notes each one as the model's does).
    package private(set) var calls: [String] = []
    package private(set) var failed: String?

    package init(
        _ memory: any ChipMemory, geometry: InternalFlashAlgorithm.Geometry, assumptions: ModelAssumptions,
        hostTime: @escaping HostClock = monotonicNanoseconds
    ) {
        target = RemoteChipTarget(memory, hostTime: hostTime)
        bus = Bus.remote(target)
        algorithm = InternalFlashAlgorithm(geometry, assumptions: assumptions, pollLimit: Self.pollLimit)
    }

    /// Erases the sectors covering `[start, start + length)` (without a length, the sector holding `start`).
    package func erase(from start: UInt32, length: UInt32?) throws(ClientError) {
        try framed(.erase) {
            guard let first = algorithm.sector(containing: start) else {
                return fail("no sector declared at \(hex(start))")
            }
            let last = length.map { start &+ ($0 - 1) } ?? UInt32(first.end - 1)
            var address = first.start
            while UInt64(address) <= UInt64(last) {
                guard let sector = algorithm.sector(containing: address) else {
                    return fail("no sector declared at \(hex(address))")
                }
                guard
                    call(
                        "EraseSector(\(hex(sector.start)))", { algorithm.eraseSector(bus: bus, address: sector.start) })
                else { return false }
                address = UInt32(sector.end)
            }
            return true
        }
    }

    /// Programs an image over the embedded flash, keeping the bytes of each sector it does not cover.
    package func program(_ image: MemoryImage) throws(ClientError) {
        try framed(.program) {
            let (sectors, uncovered) = FlashEngine.sectors(of: image, algorithm)
            if let uncovered { return fail("no sector declared at \(hex(uncovered))") }
            for sector in sectors {
                var buffer: [UInt8]
                do { buffer = try target.readDirect(sector.start, count: Int(sector.size)) } catch {
                    return fail("reading \(hex(sector.start)) to keep its bytes: \(error)")
                }
                let fromImage = ProgramRuns.overlay(image, onto: &buffer, at: sector.start)
                guard
                    call(
                        "EraseSector(\(hex(sector.start)))", { algorithm.eraseSector(bus: bus, address: sector.start) })
                else { return false }
                let runs = ProgramRuns.runs(
                    buffer: buffer, fromImage: fromImage, keepsData: true, pageSize: Int(algorithm.pageSize))
                for run in runs {
                    let chunk = Array(buffer[run])
                    let address = sector.start + UInt32(run.lowerBound)
                    guard
                        call(
                            "ProgramPage(\(hex(address)), \(chunk.count))",
                            { algorithm.programPage(bus: bus, address: address, bytes: chunk) })
                    else { return false }
                }
            }
            return true
        }
    }

    /// The option-byte sequence (`OptionSequence`, the engine's own) writing `target` to the chip;
    /// with `launch`, OBL_LAUNCH, which resets the chip.
    package func setOptions(_ target: OptionBytes, launch: Bool) throws(ClientError) {
        var sequence = OptionSequence(bus: bus, pollLimit: Self.pollLimit)
        bus.trace.note(.call(launch ? "option bytes and OBL_LAUNCH" : "option bytes (OPTSTRT)"))
        sequence.program(target, launch: launch)
        calls.append(launch ? "option bytes and OBL_LAUNCH" : "option bytes (OPTSTRT)")
        if let lost = self.target.lost { throw lost }
        failed = sequence.failures.first
    }

    /// Init, the body, UnInit (also after a failure, as the engine does); a lost connection throws.
    private func framed(_ function: AlgorithmFunction, _ body: () -> Bool) throws(ClientError) {
        let initialized = call("Init\(function.callSuffix)") {
            algorithm.initialize(bus: bus, address: FlashLayout.nonSecureBase, clock: 0, function: function)
        }
        if initialized { _ = body() }
        if target.lost == nil {
            _ = call("UnInit\(function.callSuffix)") { algorithm.uninitialize(bus: bus, function: function) }
        }
        if let lost = target.lost { throw lost }
    }

    private func call(_ name: String, _ entry: () -> UInt32) -> Bool {
        bus.trace.note(.call(name))
        let code = entry()
        calls.append("\(name) = \(code)")
        if code != 0 {
            failed = "\(name) returned \(code)" + (algorithm.failureDetail.map { ": \($0)" } ?? "")
        }
        return code == 0
    }

    private func fail(_ why: String) -> Bool {
        failed = why
        return false
    }
}
