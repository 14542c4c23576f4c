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
}
