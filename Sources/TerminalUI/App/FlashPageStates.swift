import FlashCore
import TerminalKit

/// The page map's view of a bank: one state per page, from the flash contents, the
/// controller's effective protections and the loaded file.
enum FlashPageStates {
    /// The pages of a logical bank, in PNB order.
    static func pages(of machine: Machine, bank: Int) -> [FlashPage] {
        let layout = machine.layout
        let physical = layout.physicalBank(forLogical: bank)
        return (0..<layout.pagesPerBank).compactMap { layout.page(physicalBank: physical, pnb: $0) }
    }

    /// With `board`, the pages of an attached board not read yet, or refused, say so first.
    static func states(of machine: Machine, bank: Int, file: MemoryImage?, board: AttachedView? = nil) -> [PageState] {
        let flash = machine.controller.array.bytes
        return pages(of: machine, bank: bank).map { page in
            if let board {
                let address = FlashLayout.nonSecureTwin(page.address)
                if board.isRefused(address, count: page.size) { return .unreadable }
                if !board.isRead(address, count: page.size) { return .notRead }
            }
            if let file, differs(page, flash: flash, file: file) { return .differs }
            switch machine.controller.security(of: page) {
            case .hidden: return .hidden
            case .secure: return .secure
            case .nonSecure: break
            }
            if machine.controller.isWriteProtected(page) { return .writeProtected }
            let erased = erasedDoubleWords(page, flash: flash)
            if erased == Int(page.size) / 8 { return .erased }
            return erased == 0 ? .programmed : .partlyProgrammed
        }
    }

    /// Whether any page is in a closed hide area (the legend lists "hidden" only then).
    static func hasHiddenPages(_ machine: Machine) -> Bool {
        guard machine.controller.effective.trustZone else { return false }
        return machine.layout.pages.contains { machine.controller.isHidden($0) }
    }

    /// Double words still erased: flash is programmed 8 bytes at a time, so data that
    /// happens to contain 0xFF bytes still counts as programmed.
    private static func erasedDoubleWords(_ page: FlashPage, flash: [UInt8]) -> Int {
        let start = Int(page.physicalOffset)
        let end = start + Int(page.size)
        guard start >= 0, end <= flash.count else { return 0 }
        return flash.withUnsafeBytes { bytes in
            stride(from: start, to: end - 7, by: 8).reduce(0) { count, offset in
                count + (bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == ~0 ? 1 : 0)
            }
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
