import DebugPort
import FlashCore
import GDBRemote

/// Why attach stops before reading anything.
package enum AttachError: Error, Equatable, CustomStringConvertible {
    /// DBGMCU_IDCODE's DEV_ID is not the STM32L5's 0x472.
    case notL5(idcode: UInt32)
    /// FLASH_SIZE holds a size no STM32L5 part has.
    case unknownFlashSize(UInt32)
    /// A register attach must read could not be read.
    case unreadable(String, ClientError)
    /// The connection failed (timeout, closed, nonsense).
    case connection(ClientError)
    /// The part the user named has another flash size than FLASH_SIZE reports.
    case partMismatch(Part, UInt32)

    package var description: String {
        switch self {
        case .notL5(let idcode): "not an STM32L5: DBGMCU_IDCODE reads \(hex(idcode))"
        case .unknownFlashSize(let value):
            "FLASH_SIZE reads \(hex(value)): no STM32L5 part has \(value & 0xFFFF) KiB of flash"
        case .unreadable(let what, let error): "cannot read \(what): \(error)"
        case .connection(let error): "\(error)"
        case .partMismatch(let part, let size):
            "--part \(part.name) has \(part.flashSizeKiB) KiB of flash, but FLASH_SIZE reads \(size) KiB"
        }
    }
}

/// What attach learns first about the chip: which part it is, its option registers and
/// whether its core is halted.
package struct ChipIdentity: Equatable, Sendable {
    package let idcode: UInt32
    package let flashSizeKiB: UInt32
    /// The option registers as the chip reads them (FLASH_OPTR and the eleven after it).
    package let options: OptionBytes
    /// DHCSR's S_HALT.
    package let halted: Bool

    package var revision: UInt32 { DBGMCUField.revID.value(in: idcode) }
    package var readout: ReadoutProtection { options.readoutLevel }

    /// Reads IDCODE (refusing anything but DEV_ID 0x472), FLASH_SIZE, the option registers and DHCSR.
    package static func read(_ memory: any ChipMemory) throws(AttachError) -> ChipIdentity {
        let idcode = try word(memory, DBGMCURegister.idcode.address, "DBGMCU_IDCODE")
        guard DBGMCUField.devID.value(in: idcode) == DBGMCUField.deviceID else { throw .notL5(idcode: idcode) }
        let size: UInt32
        do {
            let bytes = try memory.readMemory(SystemInfoRegister.flashSize.address, count: 2)
            size = UInt32(bytes[0]) | UInt32(bytes[1]) << 8
        } catch {
            throw wrap("FLASH_SIZE", error)
        }
        guard Part.catalog.contains(where: { UInt32($0.flashSizeKiB) == size }) else {
            throw .unknownFlashSize(size)
        }
        var options = OptionBytes.factory
        for register in OptionRegister.allCases {
            options[register] = try word(
                memory, Machine.flashControllerBase + register.offset, "FLASH_\(register.name)")
        }
        let dhcsr = try word(
            memory, SystemControlRegister.base + SystemControlRegister.haltControl.rawValue, "DHCSR")
        return ChipIdentity(
            idcode: idcode, flashSizeKiB: size, options: options, halted: HaltControlField.halted.value(in: dhcsr) == 1)
    }

    /// The part: its flash size, and for 512 KiB whether the board maps an OCTOSPI flash
    /// (the STM32L562E-DK's MX25LM51245G); the IDCODE is 0x472 on every L5.
    package func part(octoSPIAnswers: Bool) -> Part {
        let matches = Part.catalog.filter { UInt32($0.flashSizeKiB) == flashSizeKiB }
        return matches.first { $0.hasOctoSPIFlash == octoSPIAnswers } ?? matches.first ?? .defaultPart
    }

    private static func word(_ memory: any ChipMemory, _ address: UInt32, _ name: String) throws(AttachError)
        -> UInt32
    {
        do { return try memory.readWord(address) } catch { throw wrap(name, error) }
    }

    static func wrap(_ name: String, _ error: ClientError) -> AttachError {
        if case .serverError = error { return .unreadable(name, error) }
        return .connection(error)
    }
}
