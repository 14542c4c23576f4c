import FlashCore

/// The flash as runs of erased and of programmed units, in address order, for the region jumps
/// (`}` `{` `)` `(`). A unit is a byte in the hex view and a page (an OCTOSPI sector) on the maps,
/// so a jump lands where the pane shows the change; an unit is erased when every byte of it is 0xFF.
enum FlashRuns {
    struct Run: Equatable {
        var start: UInt32
        /// One past the last address (a UInt64, so a run may end at the top of the address space).
        var end: UInt64
        var erased: Bool
        var count: Int { Int(end - UInt64(start)) }
    }

    /// The runs of the embedded flash (each bank) and the OCTOSPI flash. `byBytes` false takes pages
    /// and sectors as the units. Erased OCTOSPI sectors are never read: they are the gaps between the
    /// sectors holding data.
    static func runs(of machine: Machine, byBytes: Bool) -> [Run] {
        var runs: [Run] = []
        let layout = machine.layout
        let ospiBase = UInt64(FlashRegion.ospiBase)
        for region in ByteSearch.regions(of: machine) {
            let isOSPI = UInt64(region.start) >= ospiBase
            let unit = byBytes ? 1 : Int(isOSPI ? machine.ospi?.flash.geometry.sectorSize ?? 4096 : layout.pageSize)
            var index = region.bytes.startIndex
            while index < region.bytes.endIndex {
                let next = min(index + unit, region.bytes.endIndex)
                let erased = region.bytes[index..<next].allSatisfy { $0 == 0xFF }
                let start = region.start + UInt32(index - region.bytes.startIndex)
                append(&runs, Run(start: start, end: UInt64(start) + UInt64(next - index), erased: erased))
                index = next
            }
        }
        if let geometry = machine.ospi?.flash.geometry {
            runs = withErasedGaps(runs, from: ospiBase, to: ospiBase + UInt64(geometry.size))
        }
        return runs
    }

    /// The start of the next (or previous) run of the kind asked for, wrapping round once; going back
    /// from inside a run finds that run's start.
    static func next(erased: Bool, from address: UInt32, in runs: [Run], forward: Bool) -> (run: Run, wrapped: Bool)? {
        let kind = runs.filter { $0.erased == erased }
        guard let found = ByteSearch.pick(kind.map(\.start), from: address, forward: forward),
            let run = kind.first(where: { $0.start == found.address })
        else { return nil }
        return (run, found.wrapped)
    }

    /// Adds a run, merged into the last when it continues it with the same kind.
    private static func append(_ runs: inout [Run], _ run: Run) {
        if let last = runs.last, last.erased == run.erased, last.end == UInt64(run.start) {
            runs[runs.count - 1].end = run.end
        } else {
            runs.append(run)
        }
    }

    /// `runs` with erased runs filling what lies between `low` and `high` and no run covers.
    private static func withErasedGaps(_ runs: [Run], from low: UInt64, to high: UInt64) -> [Run] {
        var result: [Run] = []
        var covered = low
        for run in runs {
            if UInt64(run.start) >= low, UInt64(run.start) > covered, covered < high {
                append(&result, Run(start: UInt32(covered), end: UInt64(run.start), erased: true))
            }
            append(&result, run)
            if UInt64(run.start) >= low { covered = max(covered, run.end) }
        }
        if covered < high { append(&result, Run(start: UInt32(covered), end: high, erased: true)) }
        return result
    }
}
