import FlashCore

/// Where the chip's sequence of register accesses left the model's: both traces' register
/// accesses, each run of the same access repeated (a busy poll reading the same value) taken as
/// one, compared in order. A chip polls BSY more often than the model, which waits on its virtual
/// clock, so polls alone never make a departure; a different register, direction or value does.
/// Memory accesses are left out: the engine reads the bytes a program keeps through the bus, a
/// live program reads them off it, and `LiveCheck` compares the bytes themselves.
package enum TraceDeparture {
    /// Nil when the sequences match; otherwise the first pair that differs, in words.
    package static func first(model: [RenderedTraceEntry], chip: [RenderedTraceEntry]) -> String? {
        let modelSteps = steps(model)
        let chipSteps = steps(chip)
        for (index, (modelStep, chipStep)) in zip(modelSteps, chipSteps).enumerated()
        where modelStep.key != chipStep.key {
            return "the chip's accesses depart from the model's at step \(index + 1): the model "
                + "\(words(modelStep.entry)), the chip \(words(chipStep.entry))"
        }
        guard modelSteps.count != chipSteps.count else { return nil }
        let longer = modelSteps.count > chipSteps.count ? "the model" : "the chip"
        let extra = (modelSteps.count > chipSteps.count ? modelSteps : chipSteps)[
            min(modelSteps.count, chipSteps.count)]
        return "the chip's accesses depart from the model's after step \(min(modelSteps.count, chipSteps.count)): "
            + "\(longer) goes on with \(words(extra.entry))"
    }

    private struct Step {
        var key: String
        var entry: RenderedTraceEntry
    }

    private static func steps(_ entries: [RenderedTraceEntry]) -> [Step] {
        var out: [Step] = []
        for entry in entries where entry.register != nil {
            let key = "\(entry.access) \(entry.address) \(entry.size) \(entry.value)"
            if out.last?.key != key { out.append(Step(key: key, entry: entry)) }
        }
        return out
    }

    /// `wrote 0x00010002 to NSCR`, `read 0x00000001 from NSSR`.
    private static func words(_ entry: RenderedTraceEntry) -> String {
        let place = entry.register ?? "\(entry.region) \(hex(entry.address))"
        return entry.access == "write"
            ? "wrote \(hex(entry.value)) to \(place)" : "read \(hex(entry.value)) from \(place)"
    }
}
