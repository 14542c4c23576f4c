import FlashCore
import TerminalKit

/// The OCTOSPI flash as the map shows it: one state per 4 KiB sector. On an attached board a
/// sector not read yet is "not read" and one the board refused "unreadable", never erased.
///
/// "Holds data" comes from the sector offsets the device lists, so drawing never loads
/// the sectors themselves from the device file; only sectors a loaded file covers are
/// read, to compare. Kept in the model and remade when the machine, the step or the
/// file changes (the machine is held, so its identity cannot be reused meanwhile).
package struct OctoSPIMap {
    package let states: [PageState]
    package let geometry: NORGeometry
    private let machine: Machine
    private let stepPosition: Int?
    private let file: MemoryImage?
    private let boardRead: Set<UInt32>?
    private let boardRefused: [AddressRange]

    init?(machine: Machine, stepPosition: Int?, file: MemoryImage?, board: AttachedView? = nil) {
        guard let flash = machine.ospi?.flash else { return nil }
        let geometry = flash.geometry
        let sectorSize = Int(geometry.sectorSize)
        var states = [PageState](repeating: .erased, count: Int(geometry.size) / sectorSize)
        for offset in flash.persistentState.offsets where Int(offset) / sectorSize < states.count {
            states[Int(offset) / sectorSize] = .programmed
        }
        if let file {
            for sector in Self.differingSectors(file, flash: flash) { states[sector] = .differs }
        }
        if let board {
            for sector in states.indices {
                let address = FlashRegion.ospiBase + UInt32(sector * sectorSize)
                if board.isRefused(address, count: UInt32(sectorSize)) {
                    states[sector] = .unreadable
                } else if !board.isRead(address, count: UInt32(sectorSize)) {
                    states[sector] = .notRead
                }
            }
        }
        boardRead = board?.read
        boardRefused = board?.refused ?? []
        self.states = states
        self.geometry = geometry
        self.machine = machine
        self.stepPosition = stepPosition
        self.file = file
    }

    func isCurrent(machine: Machine, stepPosition: Int?, file: MemoryImage?, board: AttachedView?) -> Bool {
        self.machine === machine && self.stepPosition == stepPosition && self.file == file
            && boardRead == board?.read && boardRefused == (board?.refused ?? [])
    }

    /// Sector indices where a byte of the file differs from the flash.
    private static func differingSectors(_ file: MemoryImage, flash: MX25LM51245G) -> Set<Int> {
        let geometry = flash.geometry
        let sectorSize = geometry.sectorSize
        let inside = file.clipped(to: FlashRegion.ospiBase, end: UInt64(FlashRegion.ospiBase) + UInt64(geometry.size))
        var differing = Set<Int>()
        for segment in inside.segments {
            var position = 0
            while position < segment.bytes.count {
                let offset = segment.address - FlashRegion.ospiBase + UInt32(position)
                let sectorOffset = offset - offset % sectorSize
                let run = min(segment.bytes.count - position, Int(sectorOffset + sectorSize - offset))
                let wanted = segment.bytes[position..<position + run]
                let start = Int(offset - sectorOffset)
                if let sector = flash.sectorContents(atOffset: sectorOffset) {
                    if !sector[start..<start + run].elementsEqual(wanted) { differing.insert(Int(offset / sectorSize)) }
                } else if wanted.contains(where: { $0 != 0xFF }) {
                    differing.insert(Int(offset / sectorSize))
                }
                position += run
            }
        }
        return differing
    }

    /// `0x90000000–0x9000FFFF · sectors 0–15 · block 0` for the cell holding `location` at `zoom` sectors a cell.
    static func cellText(_ location: OctoSPILocation, zoom: Int, geometry: NORGeometry) -> String {
        let first = location.sector - location.sector % max(1, zoom)
        let last = min(first + max(1, zoom), Int(geometry.size / geometry.sectorSize)) - 1
        let from = FlashRegion.ospiBase + UInt32(first) * geometry.sectorSize
        let to = FlashRegion.ospiBase + UInt32(last + 1) * geometry.sectorSize - 1
        let perBlock = Int(geometry.blockSize / geometry.sectorSize)
        let blocks = (first / perBlock, last / perBlock)
        let sectors = first == last ? "sector \(first)" : "sectors \(first)–\(last)"
        let block = blocks.0 == blocks.1 ? "block \(blocks.0)" : "blocks \(blocks.0)–\(blocks.1)"
        return "\(hex(from))–\(hex(to)) · \(sectors) · \(block)"
    }
}
