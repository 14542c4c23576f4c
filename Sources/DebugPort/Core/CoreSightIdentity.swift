/// The peripheral and component ID registers at 0xFD0..0xFFC of every CoreSight component,
/// which a debugger reads to name what it found behind the ROM table.
package struct CoreSightIdentity: Sendable, Equatable {
    /// JEP106 codes: Arm is bank 4 (continuation 4), id 0x3B; ST is bank 0, id 0x20.
    package static let armDesigner = (continuation: UInt32(4), code: UInt32(0x3B))
    package static let stDesigner = (continuation: UInt32(0), code: UInt32(0x20))

    let partNumber: UInt32
    let designer: (continuation: UInt32, code: UInt32)
    let revision: UInt32
    /// CIDR1's class: 0x1 ROM table, 0x9 CoreSight component, 0xE generic IP (SCS of an M-profile core).
    let componentClass: UInt32

    package init(
        partNumber: UInt32, designer: (continuation: UInt32, code: UInt32), revision: UInt32, componentClass: UInt32
    ) {
        self.partNumber = partNumber
        self.designer = designer
        self.revision = revision
        self.componentClass = componentClass
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.partNumber == rhs.partNumber && lhs.designer == rhs.designer && lhs.revision == rhs.revision
            && lhs.componentClass == rhs.componentClass
    }

    /// The register at an offset inside 0xFD0..0xFFF, or nil outside it.
    package func register(at offset: UInt32) -> UInt32? {
        switch offset {
        case 0xFD0: designer.continuation  // PIDR4: JEP106 continuation code, 4 KiB component
        case 0xFD4, 0xFD8, 0xFDC: 0  // PIDR5-7
        case 0xFE0: partNumber & 0xFF  // PIDR0
        case 0xFE4: (partNumber >> 8 & 0xF) | (designer.code & 0xF) << 4  // PIDR1
        case 0xFE8: (designer.code >> 4 & 0x7) | 0x8 | (revision & 0xF) << 4  // PIDR2: JEDEC bit
        case 0xFEC: 0  // PIDR3
        case 0xFF0: 0x0D  // CIDR0..3: the preamble 0xB105_000D with the class in CIDR1
        case 0xFF4: (componentClass & 0xF) << 4
        case 0xFF8: 0x05
        case 0xFFC: 0xB1
        default: nil
        }
    }
}
