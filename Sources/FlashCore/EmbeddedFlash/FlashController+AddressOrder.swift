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

    /// Copies only the pages changed after `generation` (the array's generation when the copy was
    /// last made, under the same layout) and returns their offsets from the flash base.
    package func copyFlashInAddressOrder(
        into destination: UnsafeMutableRawBufferPointer, changedAfter generation: Int
    ) -> [Range<Int>] {
        var copied: [Range<Int>] = []
        let stamps = array.chunkGenerations
        array.bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress, let to = destination.baseAddress else { return }
            for page in layout.pages {
                let physical = Int(page.physicalOffset)
                let start = Int(page.address - FlashLayout.nonSecureBase)
                let count = min(Int(page.size), destination.count - start, source.count - physical)
                guard start >= 0, count > 0 else { continue }
                let chunks = (physical / FlashArray.chunkSize)...((physical + count - 1) / FlashArray.chunkSize)
                guard chunks.contains(where: { stamps[$0] > generation }) else { continue }
                to.advanced(by: start).copyMemory(from: from.advanced(by: physical), byteCount: count)
                if let last = copied.last, last.upperBound == start {
                    copied[copied.count - 1] = last.lowerBound..<start + count
                } else {
                    copied.append(start..<start + count)
                }
            }
        }
        return copied
    }
}
