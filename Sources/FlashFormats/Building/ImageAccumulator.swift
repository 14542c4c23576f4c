import FlashCore

/// Collects decoded records into one byte arena and turns them into a
/// `MemoryImage` at the end.
///
/// Records that continue the previous one (the usual case) only extend a run,
/// so a file of millions of records costs one growing buffer, reserved up
/// front from the input size. A single-run image hands that buffer over
/// without copying; several runs are sorted, checked for overlap and copied
/// into segments (at most twice the image size at the peak).
struct ImageAccumulator: RecordSink {
    private struct Run {
        var address: UInt32
        var start: Int
        var count: Int
        var end: UInt64 { UInt64(address) + UInt64(count) }
    }

    enum Outcome {
        case image(MemoryImage)
        /// Two records claim this address; the caller re-reads to name them.
        case overlap(address: UInt32)
    }

    private var arena: [UInt8] = []
    private var runs: [Run] = []

    init(expectedBytes: Int) {
        arena.reserveCapacity(max(0, expectedBytes))
    }

    mutating func data(_ bytes: UnsafeBufferPointer<UInt8>, at address: UInt32, place: Int) {
        guard !bytes.isEmpty else { return }
        if let last = runs.indices.last, runs[last].end == UInt64(address) {
            runs[last].count += bytes.count
        } else {
            runs.append(Run(address: address, start: arena.count, count: bytes.count))
        }
        arena.append(contentsOf: bytes)
    }

    /// Gives up the collected data as an image (the accumulator is left empty).
    mutating func finish(startAddress: UInt32?) -> Outcome {
        let arena = self.arena
        let runs = self.runs
        self.arena = []
        self.runs = []
        if runs.isEmpty {
            var image = MemoryImage()
            image.startAddress = startAddress
            return .image(image)
        }
        if runs.count == 1 {
            return build([MemoryImage.Segment(address: runs[0].address, bytes: arena)], startAddress: startAddress)
        }
        var order = Array(runs.indices)
        let alreadySorted = zip(runs, runs.dropFirst()).allSatisfy { $0.address < $1.address }
        if !alreadySorted {
            order.sort { (runs[$0].address, $0) < (runs[$1].address, $1) }
        }
        var segments: [MemoryImage.Segment] = []
        var current: MemoryImage.Segment?
        var highestEnd: UInt64 = 0
        for index in order {
            let run = runs[index]
            if current != nil, UInt64(run.address) < highestEnd {
                return .overlap(address: run.address)
            }
            highestEnd = max(highestEnd, run.end)
            let slice = arena[run.start..<run.start + run.count]
            if current != nil, current?.end == UInt64(run.address) {
                current?.bytes.append(contentsOf: slice)
            } else {
                if let finished = current { segments.append(finished) }
                current = MemoryImage.Segment(address: run.address, bytes: Array(slice))
            }
        }
        if let finished = current { segments.append(finished) }
        return build(segments, startAddress: startAddress)
    }

    private func build(_ segments: [MemoryImage.Segment], startAddress: UInt32?) -> Outcome {
        do {
            return .image(try MemoryImage(segments: segments, startAddress: startAddress))
        } catch {
            return .overlap(address: error.address)
        }
    }
}

/// Finds the first two records (in file order) that write one address.
struct OverlapLocator: RecordSink {
    let target: UInt32
    private(set) var places: [Int] = []

    init(target: UInt32) { self.target = target }

    mutating func data(_ bytes: UnsafeBufferPointer<UInt8>, at address: UInt32, place: Int) {
        guard places.count < 2, address <= target, UInt64(target) < UInt64(address) + UInt64(bytes.count) else {
            return
        }
        places.append(place)
    }
}
