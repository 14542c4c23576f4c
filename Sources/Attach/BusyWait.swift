import FlashCore

/// One busy wait in a trace: a write that set STRT or OPTSTRT, then the polls of the status
/// register until BSY read clear. Times come from the trace's clock: virtual on the model, the
/// host's on a live chip, where every poll is a round trip, so BSY lasted somewhere between
/// `atLeast` and `atMost`.
package struct BusyWait: Equatable, Sendable {
    /// The entry point it belongs to (`EraseSector(0x08020800)`), when the trace names one.
    package var call: String?
    /// `STRT` (an erase) or `OPTSTRT` (option bytes).
    package var started: String
    /// From the start write's answer to the sending of the last poll that still saw BSY set
    /// (0 when the first poll already saw it clear): BSY was set at least this long.
    package var atLeast: UInt64
    /// From the sending of the start write to the answer of the poll that saw BSY clear.
    package var atMost: UInt64
    /// From the start write to the poll that saw BSY clear, as the trace's clock tells it:
    /// on the model, whose accesses take no time, the predicted duration.
    package var elapsed: UInt64
    package var busyPolls: Int

    /// The busy waits of a trace, in order.
    package static func find(in entries: [RenderedTraceEntry]) -> [BusyWait] {
        var out: [BusyWait] = []
        var open: (status: UInt32, wait: BusyWait, startIndex: Int)?
        var call: String?
        for (index, entry) in entries.enumerated() {
            if let started = entry.callStarted { call = started }
            // Accesses are one after another: one is sent when the one before it was answered.
            let sent = index > 0 ? entries[index - 1].time : entry.time
            if entry.access == "write",
                let register = FlashStatusRegister.allCases.first(where: {
                    $0.controlAddress == entry.address
                })
            {
                let name =
                    entry.value & ControlField.strt.mask != 0
                    ? ControlField.strt.name
                    : entry.value & ControlField.optstrt.mask != 0 ? ControlField.optstrt.name : nil
                if let name {
                    let wait = BusyWait(call: call, started: name, atLeast: 0, atMost: 0, elapsed: 0, busyPolls: 0)
                    open = (register.address, wait, index)
                    continue
                }
            }
            guard let (status, opened, startIndex) = open, entry.access == "read", entry.address == status else {
                continue
            }
            var wait = opened
            let start = entries[startIndex]
            if entry.value & StatusFlag.bsy.mask != 0 {
                wait.busyPolls += 1
                wait.atLeast = sent >= start.time ? sent - start.time : 0
                open = (status, wait, startIndex)
            } else {
                let startSent = startIndex > 0 ? entries[startIndex - 1].time : start.time
                wait.atMost = entry.time - startSent
                wait.elapsed = entry.time - start.time
                out.append(wait)
                open = nil
            }
        }
        return out
    }
}

/// The chip's busy waits beside the model's: information lines, and a divergence only where
/// no round trip can explain the difference.
///
/// A round trip only makes a wait look longer, so a chip slower than the model is never a
/// divergence here (and the chain's simulated chip keeps its own time, not the host's). The one
/// thing a round trip cannot fake is speed: an erase (STRT) whose first poll already read BSY
/// clear, answered sooner than half the model's datasheet time, finished faster than any page
/// or bank erase the datasheet allows (22.0 ms typical, 24.5 ms maximum, reference §6).
/// Option programming has no datasheet figure (the model takes a page erase), so it is never one.
package struct BusyTiming: Equatable, Sendable {
    package var lines: [String]
    package var divergences: [Divergence]

    package init(chip: [BusyWait], model: [BusyWait]) {
        lines = zip(chip, model).map { chip, model in
            let what = "\(chip.call.map { "\($0) " } ?? "")\(chip.started)"
            let measured =
                chip.busyPolls == 0
                ? "BSY clear at the first poll, at most \(formatDuration(chip.atMost)) after it"
                : "BSY \(formatDuration(chip.atLeast))–\(formatDuration(chip.atMost)) on the chip "
                    + "(host time between polls, \(chip.busyPolls) busy)"
            return "timing \(what): \(measured); the model \(formatDuration(model.elapsed))"
        }
        if chip.count != model.count {
            lines.append("timing: \(chip.count) busy waits on the chip, \(model.count) in the model")
        }
        divergences = zip(chip, model).compactMap { chip, model in
            guard chip.started == ControlField.strt.name, chip.busyPolls == 0, chip.atMost < model.elapsed / 2 else {
                return nil
            }
            return Divergence(
                what: "timing of \(chip.call ?? "an erase")",
                predicted: "BSY for \(formatDuration(model.elapsed))",
                chip: "BSY clear within \(formatDuration(chip.atMost)), faster than the datasheet allows")
        }
    }
}
