/// The system memory beside the user flash (reference §8, CMSIS `OTP_BASE`, `PACKAGE_BASE`,
/// `UID_BASE`, `FLASHSIZE_BASE`) and the DBGMCU block (debug-port.md §5): where each piece lives.
package enum SystemArea {
    /// The 512-byte one-time-programmable area.
    package static let otpBase: UInt32 = 0x0BFA_0000
    package static let otpSize: UInt32 = 0x200
    /// The first byte after the last system word FlashScope models (FLASH_SIZE at 0x0BFA_05E0).
    package static let systemEnd: UInt64 = 0x0BFA_0600
    /// DBGMCU: IDCODE, CR and the three freeze registers.
    package static let dbgmcuBase: UInt32 = 0xE004_4000
    package static let dbgmcuSize: UInt32 = 0x14

    /// Whether an address is in the OTP area.
    package static func isOTP(_ address: UInt32) -> Bool { address >= otpBase && address - otpBase < otpSize }

    /// Whether an address is in either system window (mapped or reserved).
    package static func contains(_ address: UInt32) -> Bool {
        (UInt64(address) >= UInt64(otpBase) && UInt64(address) < systemEnd)
            || (address >= dbgmcuBase && address - dbgmcuBase < dbgmcuSize)
    }

    /// The pieces of system memory, in address order.
    package static let areas: [SystemLocation.Area] = [.otp, .packageData, .uid, .flashSize, .dbgmcu]

    /// Where an address lands in the system memory, or why it lands nowhere.
    package static func locate(_ address: UInt32) throws(LocateError) -> SystemLocation {
        guard let area = areas.first(where: { $0.contains(address) }) else {
            throw LocateError(
                address: address,
                reason: contains(address)
                    ? "reserved system memory: nothing answers there (OTP 0x0BFA0000–0x0BFA01FF, package 0x0BFA0500, "
                        + "UID 0x0BFA0590–0x0BFA059B, FLASH_SIZE 0x0BFA05E0, DBGMCU 0xE0044000–0xE0044013)"
                    : "not in the system memory")
        }
        return SystemLocation(address: address, area: area)
    }

    /// Why an erase of the OTP area (or of any system word) is refused, one line.
    package static let notErasable =
        "the OTP area is programmed once, a double word at a time, and is never erased (OpenOCD refuses too)"
}

/// Where an address lands in the system memory.
package struct SystemLocation: Equatable, Sendable {
    package enum Area: String, Sendable, Equatable, CaseIterable {
        case otp = "OTP"
        case packageData = "package data"
        case uid = "unique device ID"
        case flashSize = "flash size"
        case dbgmcu = "DBGMCU"

        package var start: UInt32 {
            switch self {
            case .otp: SystemArea.otpBase
            case .packageData: SystemInfoRegister.packageData.address
            case .uid: SystemInfoRegister.uid(0).address
            case .flashSize: SystemInfoRegister.flashSize.address
            case .dbgmcu: SystemArea.dbgmcuBase
            }
        }

        package var size: UInt32 {
            switch self {
            case .otp: SystemArea.otpSize
            case .packageData, .flashSize: 4
            case .uid: 12
            case .dbgmcu: SystemArea.dbgmcuSize
            }
        }

        package func contains(_ address: UInt32) -> Bool { address >= start && address - start < size }

        /// What software can do there, one line.
        package var rules: String {
            switch self {
            case .otp:
                "programmed a double word at a time (PG in NSCR, as the main flash), each double word once; "
                    + "never erased"
            case .packageData, .uid, .flashSize: "read-only"
            case .dbgmcu: "IDCODE read-only; CR and the freeze registers read-write"
            }
        }
    }

    package let address: UInt32
    package let area: Area

    package var offset: UInt32 { address - area.start }
    /// The register holding the address (UID0, FLASH_SIZE, DBGMCU_CR, ...), nil in the OTP area.
    package var register: String? {
        switch area {
        case .otp: nil
        case .packageData, .uid, .flashSize:
            SystemInfoRegister.all.first { $0.address == address & ~3 }?.spec.name
        case .dbgmcu: DBGMCURegister(offset: (address - SystemArea.dbgmcuBase) & ~3)?.spec.name
        }
    }

    /// The OTP double word holding the address, in the OTP area.
    package var doubleWord: UInt32? { area == .otp ? address & ~7 : nil }
}
