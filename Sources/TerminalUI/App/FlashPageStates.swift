import FlashCore

/// The page map's view of a bank: one state per page, from the flash contents, the
/// controller's effective protections and the loaded file.
enum FlashPageStates {
    /// The pages of a logical bank, in PNB order.
    static func pages(of machine: Machine, bank: Int) -> [FlashPage] {
        let layout = machine.layout
        let physical = layout.physicalBank(forLogical: bank)
        return (0..<layout.pagesPerBank).compactMap { layout.page(physicalBank: physical, pnb: $0) }
    }

    static func states(of machine: Machine, bank: Int, file: MemoryImage?) -> [PageState] {
        let flash = machine.controller.array.bytes
        return pages(of: machine, bank: bank).map { page in
            if let file, differs(page, flash: flash, file: file) { return .differs }
            if machine.controller.isSecure(page) { return .secure }
            if machine.controller.isWriteProtected(page) { return .writeProtected }
            let start = Int(page.physicalOffset)
            let bytes = flash[start..<start + Int(page.size)]
            let erased = bytes.filter { $0 == 0xFF }.count
            if erased == bytes.count { return .erased }
            return erased == 0 ? .programmed : .partlyProgrammed
        }
    }

    /// Whether any byte the file holds for this page differs from flash.
    private static func differs(_ page: FlashPage, flash: [UInt8], file: MemoryImage) -> Bool {
        let clipped = file.clipped(to: page.address, end: UInt64(page.address) + UInt64(page.size))
        for segment in clipped.segments {
            let start = Int(page.physicalOffset + (segment.address - page.address))
            if !flash[start..<start + segment.bytes.count].elementsEqual(segment.bytes) { return true }
        }
        return false
    }
}
