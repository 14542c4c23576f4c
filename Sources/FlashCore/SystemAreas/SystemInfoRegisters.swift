/// The read-only words of the system memory (reference §8, CMSIS): the package code, the
/// 96-bit unique device ID and the flash size. Each is declared once, here.
package enum SystemInfoRegister: Equatable, Hashable, Sendable {
    case packageData
    /// UID word 0, 1 or 2 (bits 31:0, 63:32, 95:64).
    case uid(Int)
    case flashSize

    package static let all: [SystemInfoRegister] = [.packageData, .uid(0), .uid(1), .uid(2), .flashSize]

    package var address: UInt32 {
        switch self {
        case .packageData: 0x0BFA_0500
        case .uid(let index): 0x0BFA_0590 + UInt32(index) * 4
        case .flashSize: 0x0BFA_05E0
        }
    }

    package var spec: RegisterSpec {
        switch self {
        case .packageData: RegisterSpec("PKG", offset: 0, fields: [SystemInfoField.pkg])
        case .uid(let index): RegisterSpec("UID\(index)", offset: UInt32(index) * 4, fields: [SystemInfoField.uid])
        case .flashSize: RegisterSpec("FLASH_SIZE", offset: 0, fields: [SystemInfoField.flashSizeKB])
        }
    }
}

/// The fields of the system words.
package enum SystemInfoField {
    /// PKG[4:0]: the package code (LL_UTILS_PACKAGETYPE_*); the other bits are not described.
    package static let pkg = FieldSpec("PKG", bit: 0, width: 5, .readOnly)
    package static let uid = FieldSpec("UID", bit: 0, width: 32, .readOnly)
    /// Flash size in KB (16 bits; the HAL takes 512 KB when it reads 0 or 0xFFFF).
    package static let flashSizeKB = FieldSpec("SIZE_KB", bit: 0, width: 16, .readOnly)
}

/// The package, UID and flash size words on the bus, through three windows (tag 0 package,
/// 1 UID, 2 flash size), so the trace names each. Writes are refused: the words are read-only.
final class SystemInfoPort: RegisterBlockTarget {
    static let windows: [(register: SystemInfoRegister, size: UInt32)] = [
        (.packageData, 4), (.uid(0), 12), (.flashSize, 4),
    ]

    let part: Part
    let uid: DeviceUID

    init(part: Part, uid: DeviceUID) {
        self.part = part
        self.uid = uid
    }

    func register(at offset: UInt32, window: Int) -> SystemInfoRegister? {
        switch window {
        case 0: offset == 0 ? .packageData : nil
        case 1: offset < 12 ? .uid(Int(offset / 4)) : nil
        default: offset == 0 ? .flashSize : nil
        }
    }

    func value(of register: SystemInfoRegister) -> UInt32 {
        switch register {
        case .packageData: SystemInfoField.pkg.inserting(part.packageType.code, into: 0)
        case .uid(let index): uid.word(index)
        // The upper half-word is not described; it reads as erased system memory.
        case .flashSize: SystemInfoField.flashSizeKB.inserting(UInt32(part.flashSizeKiB), into: 0xFFFF_0000)
        }
    }

    override func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        guard let register = register(at: offset, window: window) else { return .failure(.unmapped) }
        return .success(value(of: register))
    }

    override func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        register(at: offset, window: window).map(value(of:)) ?? 0
    }

    override func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        guard let register = register(at: offset, window: window) else { return .failure(.unmapped) }
        return .failure(.refused("\(register.spec.name) is read-only"))
    }

    override func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? {
        register(at: offset & ~3, window: window).map { ($0.spec, value(of: $0)) }
    }

    override func peekValue(offset: UInt32, window: Int) -> UInt32? {
        register(at: offset & ~3, window: window).map(value(of:))
    }

    override func regionName(window: Int) -> String {
        switch window {
        case 0: "package data"
        case 1: "unique ID"
        default: "flash size"
        }
    }
}
