extension FlashController {
    /// The flash as the CPU sees it from 0x0800_0000 (with SWAP_BANK, bank 2 first), copied into
    /// `destination` from its start; bytes past the flash are left as they are.
    package func copyFlashInAddressOrder(into destination: UnsafeMutableRawBufferPointer) {
        array.bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress, let to = destination.baseAddress else { return }
            for page in layout.pages {
                let start = Int(page.address - FlashLayout.nonSecureBase)
                let count = min(Int(page.size), destination.count - start, source.count - Int(page.physicalOffset))
                guard start >= 0, count > 0 else { continue }
                to.advanced(by: start).copyMemory(from: from.advanced(by: Int(page.physicalOffset)), byteCount: count)
            }
        }
    }

    /// Copies only the chunks changed after `generation` (the array's generation when the copy was
    /// last made, under the same layout) and returns their offsets from the flash base. A chunk
    /// lies inside one bank, so it is contiguous in address order too; the walk is over the
    /// chunks' stamps, not the pages (a loader changes one double word at a time).
    package func copyFlashInAddressOrder(
        into destination: UnsafeMutableRawBufferPointer, changedAfter generation: Int
    ) -> [Range<Int>] {
        var copied: [Range<Int>] = []
        let stamps = array.chunkGenerations
        array.bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress, let to = destination.baseAddress else { return }
            for chunk in stamps.indices where stamps[chunk] > generation {
                let physical = chunk * FlashArray.chunkSize
                let start = Int(layout.address(ofPhysicalOffset: UInt32(physical)) - FlashLayout.nonSecureBase)
                let count = min(FlashArray.chunkSize, destination.count - start, source.count - physical)
                guard start >= 0, count > 0 else { continue }
                to.advanced(by: start).copyMemory(from: from.advanced(by: physical), byteCount: count)
                if let index = copied.firstIndex(where: { $0.upperBound == start }) {
                    copied[index] = copied[index].lowerBound..<start + count
                } else {
                    copied.append(start..<start + count)
                }
            }
        }
        return copied
    }
}
