import Attach
import DebugServer
import Foundation
import GDBRemote
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// issue 17's chain of real third-party software: `flashscope attach` -> OpenOCD 0.12's gdb
/// port -> OpenOCD -> remote_bitbang -> `flashscope serve` on another device file. One OpenOCD
/// session carries every check (OpenOCD reads about 16 KiB/s over remote_bitbang here, so the
/// 256 KiB part's snapshot takes about 16 s).
@Suite(.serialized) struct AttachChainTests {
    /// OpenOCD on a served device, with its gdb port on a free port and data aborts reported to
    /// gdb (by default OpenOCD answers a faulting read with zeros).
    final class Chain {
        let runner: CommandRunner
        let served: GDBServer
        let openocd = Process()
        let gdbPort: UInt16
        let log: URL

        init(_ runner: CommandRunner) throws {
            self.runner = runner
            served = try GDBServer(runner, arguments: ["--remote-bitbang", "0"])
            let bitbang = served.readiness.split(separator: "\n").first { $0.hasPrefix("remote-bitbang ") }
                .flatMap { $0.split(separator: ":").last }.flatMap { UInt16($0) }
            guard let bitbang, let path = ServedDevice.openocdPath else {
                throw ServeFailure(message: "no remote-bitbang port in '\(served.readiness)'")
            }
            gdbPort = try TCPListener(host: "127.0.0.1", port: 0).port
            log = runner.directory.appendingPathComponent("openocd.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            openocd.executableURL = URL(fileURLWithPath: path)
            openocd.arguments = [
                "-c", "set FLASHSCOPE_PORT \(bitbang)", "-c", "set WORKAREASIZE 0", "-f",
                OpenOCDBench.examples.appendingPathComponent("openocd-flashscope.cfg").path, "-c",
                "gdb_port \(gdbPort)",
                "-c", "tcl_port disabled", "-c", "telnet_port disabled", "-c", "gdb_report_data_abort enable",
            ]
            let handle = try FileHandle(forWritingTo: log)
            openocd.standardOutput = handle
            openocd.standardError = handle
            try openocd.run()
            for _ in 0..<300 {
                if text.contains("Listening on port \(gdbPort) for gdb") { return }
                usleep(100_000)
            }
            throw ServeFailure(message: "OpenOCD did not open its gdb port: \(text)")
        }

        var text: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        var server: String { "127.0.0.1:\(gdbPort)" }

        /// SIGTERM; OpenOCD 0.12 may not leave its loop while a target needs a reset, so after
        /// 5 s it gets SIGKILL (it is this test's own process).
        func stop() {
            if openocd.isRunning { kill(openocd.processIdentifier, SIGTERM) }
            for _ in 0..<50 where openocd.isRunning { usleep(100_000) }
            if openocd.isRunning { kill(openocd.processIdentifier, SIGKILL) }
            openocd.waitUntilExit()
            _ = served.stop()
        }

        /// The served device's bytes, read by FlashScope from its device file (saved by serve's journal).
        func servedBytes(_ address: String, _ count: Int) throws -> Data {
            try runner.run(["read", address, String(count), "--format", "bin"]).stdout
        }
    }

    @Test func attachThroughOpenOCDSnapshotsPredictsAndCatchesAStaleSnapshot() throws {
        guard ServedDevice.openocdPath != nil else {
            print(OpenOCDBench.skipMessage)
            return
        }
        let runner = try CommandRunner()
        try runner.run(["init", "--part", "STM32L552xC"])
        let low = try runner.file("low.bin", bytes: (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 13 + 1) })
        let high = try runner.file("high.bin", bytes: (0..<700).map { UInt8(truncatingIfNeeded: $0 ^ 0x5A) })
        let otp = try runner.file("otp.bin", bytes: [0x10, 0x32, 0x54, 0x76])
        for (file, address) in [(low, "0x08000100"), (high, "0x08020800"), (otp, "0x0BFA0000")] {
            #expect(try runner.run(["program", file, "--address", address]).status == 0)
        }
        let chain = try Chain(runner)
        defer { chain.stop() }
        let board = runner.directory.appendingPathComponent("board.fsdev").path

        // 1. The snapshot is the served device byte for byte, by FlashScope's own commands.
        let attach = try runner.run(
            ["attach", chain.server, "--device", board, "--timeout", "30000", "--json"], useDevice: false)
        #expect(attach.status == 0, "\(attach.stderr)\n\(chain.text)")
        #expect(try attach.object()["part"] as? String == "STM32L552xC")
        for (address, length) in [("0x08000000", 0x40000), ("0x0BFA0000", 512)] {
            let copy = try runner.run(
                ["read", address, String(length), "--format", "bin", "--device", board], useDevice: false)
            #expect(copy.stdout.count == length)
            #expect(copy.stdout == (try chain.servedBytes(address, length)))
        }
        #expect(
            try runner.run(["ob", "show", "--json"]).stdout
                == runner.run(["ob", "show", "--json", "--device", board], useDevice: false).stdout)

        // 2. A live erase of a bank-2 page: predicted on the snapshot, done on the chip, the same.
        let erase = try runner.run(
            ["attach", chain.server, "--device", board, "--timeout", "30000", "--live", "erase", "0x08020800"],
            useDevice: false)
        #expect(erase.status == 0, "\(erase.text)\(erase.stderr)")
        #expect(erase.text.contains("erased    PNB 1 BKER 1"))
        #expect(erase.text.contains("the chip did what the model predicted"))
        #expect(try chain.servedBytes("0x08020800", 0x800) == Data(repeating: 0xFF, count: 0x800))

        // 3. A live program, checked on the served device with verify.
        let firmware = try runner.file("fw.bin", bytes: (0..<1500).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) })
        let program = try runner.run(
            [
                "attach", chain.server, "--device", board, "--timeout", "30000", "--live", "program", firmware,
                "--address", "0x08030000",
            ], useDevice: false)
        #expect(program.status == 0, "\(program.text)\(program.stderr)")
        #expect(program.text.contains("the chip did what the model predicted"))
        #expect(try runner.run(["verify", firmware, "--address", "0x08030000"]).status == 0)

        // 4. The served device changes behind the snapshot's back, through serve's own gdb port
        // while OpenOCD holds remote_bitbang: the next prediction is stale and said to be.
        guard let servedGDB = ServerAddress("127.0.0.1:\(chain.served.port)") else { return }
        let (client, channel) = try servedGDB.connect(timeout: 10000)
        #expect(try client.request("vFlashErase:08000800,800") == Array("OK".utf8))
        #expect(try client.request("vFlashDone") == Array("OK".utf8))
        try client.detach()
        channel.close()
        let patch = try runner.file("patch.bin", bytes: [1, 2, 3, 4, 5, 6, 7, 8])
        let stale = try runner.run(
            [
                "attach", chain.server, "--device", board, "--timeout", "30000", "--live", "program", patch,
                "--address", "0x08000800",
            ], useDevice: false)
        #expect(stale.status == 5, "\(stale.text)\(stale.stderr)")
        #expect(stale.text.contains("the chip did NOT do what the model predicted"))
        #expect(stale.text.contains("bytes 0x08000808–"))

        // 5. Option bytes through the engine's own sequence: BOR_LEV becomes pending on the chip.
        let options = try runner.run(
            ["attach", chain.server, "--device", board, "--timeout", "30000", "--live", "ob", "BOR_LEV=2"],
            useDevice: false)
        #expect(options.status == 0, "\(options.text)\(options.stderr)")
        #expect(options.text.contains("the chip did what the model predicted"))
    }
}
