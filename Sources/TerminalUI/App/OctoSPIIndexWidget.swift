import FlashCore
import TerminalKit

/// The page-index panel for an OCTOSPI address: its sector, block and program page
/// (the NOR flash has no PNB or BKER; erase works on sectors and blocks).
package struct OctoSPIIndexWidget: Widget {
    package var location: OctoSPILocation
    /// Whether the sector holds data.
    package var holdsData: Bool
    package var focused: Bool

    package init(location: OctoSPILocation, holdsData: Bool, focused: Bool = false) {
        self.location = location
        self.holdsData = holdsData
        self.focused = focused
    }

    private static let labelWidth = 19

    package func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let title = (focused ? "● " : "") + "Page index: \(hex(location.address)) (OCTOSPI)"
        let inner = Frame(title: title).render(in: area, into: &buffer)
        guard !inner.isEmpty else { return }
        let offset = location.address - FlashRegion.ospiBase
        let sectorsPerBlock = Int(location.blockSize / location.sectorSize)
        let pagesPerSector = location.sectorSize / location.pageSize
        let rows: [(String, String)] = [
            ("flash", "MX25LM51245G behind OCTOSPI1, offset \(hex(offset))"),
            ("sector", "\(location.sector) · \(Self.range(location.sectorAddress, location.sectorSize)) · 4 KiB"),
            ("block", "\(location.block) · \(Self.range(location.blockAddress, location.blockSize)) · 64 KiB"),
            ("sector in block", "\(location.sector % sectorsPerBlock) of \(sectorsPerBlock)"),
            (
                "page",
                "\(offset / location.pageSize) · \(Self.range(location.pageAddress, location.pageSize)) · "
                    + "\(location.pageSize) B"
            ),
            (
                "page in sector",
                "\((location.pageAddress - location.sectorAddress) / location.pageSize) of \(pagesPerSector)"
            ),
            ("holds data", holdsData ? "yes" : "no (erased)"),
            ("E erases", "sector \(location.sector) (EraseSector \(hex(location.sectorAddress)))"),
        ]
        for (line, (label, value)) in rows.enumerated() where inner.y + line < inner.bottom {
            let x = buffer.write(
                label.padded(to: Self.labelWidth), atX: inner.x, y: inner.y + line, role: .dim, clip: inner)
            buffer.write(value, atX: x, y: inner.y + line, role: .normal, clip: inner)
        }
    }

    private static func range(_ start: UInt32, _ size: UInt32) -> String {
        "\(hex(start))–\(hex(start + size - 1))"
    }
}
