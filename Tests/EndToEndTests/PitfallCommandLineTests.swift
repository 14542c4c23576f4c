import Foundation
import Testing

/// The pitfall of issue 2, end to end through the command line.
@Suite(.serialized) struct PitfallCommandLineTests {
    private func singleBankDeviceWithData() throws -> (CommandRunner, String) {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["ob", "set", "DBANK=0", "--launch"]).status == 0)
        let old = try cli.file("old.bin", bytes: [UInt8](repeating: 0x5A, count: 0x2000))
        #expect(try cli.run(["program", old, "--address", "0x08000000"]).status == 0)
        let target = try cli.file("target.bin", bytes: (0..<2048).map { UInt8($0 & 0xFF) })
        return (cli, target)
    }

    private func erasedAddresses(_ object: [String: Any]) -> [String] {
        (object["erased"] as? [[String: Any]] ?? []).compactMap { $0["pageAddress"] as? String }
    }

    @Test func dualBankAlgorithmUnderDBANK0() throws {
        let (cli, target) = try singleBankDeviceWithData()
        let arguments = ["program", target, "--address", "0x08000800", "--algorithm", "assume-dual-bank", "--json"]
        let plan = try cli.run(arguments + ["--dry-run"])
        let real = try cli.run(arguments)
        #expect(real.status == 1, "the device reported an error")
        for output in [plan, real] {
            let object = try output.object()
            #expect(object["status"] as? String == "error")
            #expect(erasedAddresses(object) == ["0x08001000"])
            let collateral = object["collateral"] as? [[String: String]]
            #expect(collateral == [["from": "0x08001000", "to": "0x08001FFF"]])
            let errors = object["errors"] as? [[String: Any]] ?? []
            #expect(errors.first?["flag"] as? String == "PROGERR")
            #expect(errors.first?["address"] as? String == "0x08000800")
        }
        #expect(try plan.object()["predicted"] as? Bool == true)
        // The real run wiped 0x0800_1000–1FFF; the target kept its old bytes.
        let read = try cli.run(["read", "0x08000800", "16"])
        #expect(read.stdout == Data(repeating: 0x5A, count: 16))
        let wiped = try cli.run(["read", "0x08001000", "16"])
        #expect(wiped.stdout == Data(repeating: 0xFF, count: 16))
    }

    @Test func bankAwareAlgorithmUnderDBANK0() throws {
        let (cli, target) = try singleBankDeviceWithData()
        let arguments = ["program", target, "--address", "0x08000800", "--json"]
        let plan = try cli.run(arguments + ["--dry-run"])
        let real = try cli.run(arguments + ["--verify"])
        #expect(real.status == 0)
        for output in [plan, real] {
            let object = try output.object()
            #expect(object["status"] as? String == "ok")
            #expect(erasedAddresses(object) == ["0x08000000"])
            #expect((object["erased"] as? [[String: Any]])?.first?["pageSize"] as? Int == 4096)
            #expect((object["collateral"] as? [Any])?.isEmpty == true)
            #expect((object["errors"] as? [Any])?.isEmpty == true)
        }
        #expect(
            try cli.run(["read", "0x08000000", "16"]).stdout == Data(repeating: 0x5A, count: 16), "other half preserved"
        )
        #expect(try cli.run(["read", "0x08000800", "4"]).stdout == Data([0, 1, 2, 3]))
        #expect(try cli.run(["read", "0x08001000", "4"]).stdout == Data(repeating: 0x5A, count: 4))
    }
}
