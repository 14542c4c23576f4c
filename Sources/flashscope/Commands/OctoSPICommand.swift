import ArgumentParser
import FlashCore

struct OctoSPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ospi", abstract: "The OCTOSPI NOR flash of the STM32L562E-DK.",
        subcommands: [Info.self], defaultSubcommand: Info.self)

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the JEDEC ID through OCTOSPI1 and show the flash's size, protocol mode and dummy cycles.")

        @OptionGroup var options: DeviceOptions

        func run() throws {
            let session = try DeviceSession(options)
            let info = try session.engine.identifyOSPI()
            let id = info.jedecID.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
            if options.json {
                JSONOutput.print(
                    [
                        "jedecId": id, "size": Int(info.size), "protocolMode": Self.name(info.protocolMode),
                        "dummyCycles": info.dummyCycles, "controllerMode": Self.name(info.controllerMode),
                        "sectorsHoldingData": info.sectorsHoldingData,
                    ] as [String: Any])
            } else {
                print("JEDEC ID        \(id)\(id == "C2853A" ? " (Macronix MX25LM51245G, 512 Mbit)" : "")")
                print("size            \(info.size >> 20) MiB at 0x90000000–\(hex(0x9000_0000 + info.size - 1))")
                print("protocol mode   \(Self.name(info.protocolMode))")
                print("dummy cycles    \(info.dummyCycles) (octal reads)")
                print("controller      \(Self.name(info.controllerMode))")
                print("sectors in use  \(info.sectorsHoldingData) of \(info.size / 4096)")
            }
        }

        static func name(_ mode: NORProtocolMode) -> String {
            switch mode {
            case .spi: "spi"
            case .strOPI: "str-opi"
            case .dtrOPI: "dtr-opi"
            }
        }

        static func name(_ mode: OctoSPIRegisters.FunctionalMode) -> String {
            switch mode {
            case .indirectWrite: "indirect-write"
            case .indirectRead: "indirect-read"
            case .autoPolling: "auto-polling"
            case .memoryMapped: "memory-mapped"
            }
        }
    }
}
