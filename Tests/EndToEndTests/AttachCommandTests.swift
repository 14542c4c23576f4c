import Foundation
import Testing

/// `flashscope attach` against `flashscope serve --gdb` and against crafted servers
/// (issue 17: identify, refuse what is not an L5, snapshot, compare, errors naming the packet).
@Suite(.serialized) struct AttachCommandTests {
    /// A 256 KiB device with bytes in both banks and in OTP, served on its GDB port.
    private func servedDevice() throws -> (CommandRunner, GDBServer) {
        let runner = try CommandRunner()
        try runner.run(["init", "--part", "STM32L552xC"])
        let low = try runner.file("low.bin", bytes: (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 13) })
        let high = try runner.file("high.bin", bytes: (0..<700).map { UInt8(truncatingIfNeeded: $0 ^ 0x5A) })
        let otp = try runner.file("otp.bin", bytes: [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF])
        #expect(try runner.run(["program", low, "--address", "0x08000100"]).status == 0)
        // Bank 2 of a 256 KiB dual-bank part starts at 0x08020000.
        #expect(try runner.run(["program", high, "--address", "0x08020800"]).status == 0)
        #expect(try runner.run(["program", otp, "--address", "0x0BFA0000"]).status == 0)
        return (runner, try GDBServer(runner))
    }

    @Test func theSnapshotIsTheServedDeviceByteForByte() throws {
        let (runner, server) = try servedDevice()
        defer { _ = server.stop() }
        let snapshot = runner.directory.appendingPathComponent("board.fsdev").path
        let attach = try runner.run(
            ["attach", "127.0.0.1:\(server.port)", "--device", snapshot, "--json"], useDevice: false)
        #expect(attach.status == 0, "\(attach.stderr)")
        let object = try attach.object()
        #expect(object["part"] as? String == "STM32L552xC")
        #expect(object["idcode"] as? String == "0x20000472")
        #expect(object["halted"] as? Bool == true)
        // FlashScope's own commands see the same bytes and option bytes in both files.
        for (address, length) in [("0x08000000", "0x40000"), ("0x0BFA0000", "512")] {
            let served = try runner.run(["read", address, length, "--format", "bin"])
            let copy = try runner.run(
                ["read", address, length, "--format", "bin", "--device", snapshot], useDevice: false)
            #expect(served.status == 0 && copy.status == 0)
            #expect(served.stdout == copy.stdout)
            #expect(served.stdout.count > 0)
        }
        let options = try runner.run(["ob", "show", "--json"])
        let copied = try runner.run(["ob", "show", "--json", "--device", snapshot], useDevice: false)
        #expect(options.stdout == copied.stdout)
        // And attach itself finds no difference.
        let compare = try runner.run(["attach", "127.0.0.1:\(server.port)", "--compare", snapshot], useDevice: false)
        #expect(compare.status == 0, "\(compare.text)\(compare.stderr)")
        // An existing file is not replaced without --force.
        let again = try runner.run(["attach", "127.0.0.1:\(server.port)", "--device", snapshot], useDevice: false)
        #expect(again.status == 64)
        #expect(again.stderr.contains("--force"))
    }

    @Test func compareListsDifferencesTheWayDiffDoes() throws {
        let (runner, server) = try servedDevice()
        defer { _ = server.stop() }
        let other = runner.directory.appendingPathComponent("other.fsdev").path
        #expect(try runner.run(["init", "--part", "STM32L552xC", "--device", other], useDevice: false).status == 0)
        let compare = try runner.run(["attach", "127.0.0.1:\(server.port)", "--compare", other], useDevice: false)
        #expect(compare.status == 3)
        let lines = compare.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "--- board 127.0.0.1:\(server.port)")
        #expect(lines.contains { $0.hasPrefix("flash   0x08000100–") })
        #expect(lines.contains { $0.hasPrefix("flash   0x08020800–") })
        #expect(lines.contains("otp     0x0BFA0000–0x0BFA0007  8 bytes"))
        // Against the firmware file itself: equal where the file has bytes.
        let firmware = runner.directory.appendingPathComponent("low.bin").path
        let same = try runner.run(
            ["attach", "127.0.0.1:\(server.port)", "--compare", firmware, "--address", "0x08000100"], useDevice: false)
        #expect(same.status == 0, "\(same.text)\(same.stderr)")
    }

    @Test func riskyLiveOptionChangesNeedTheirFlags() throws {
        let (runner, server) = try servedDevice()
        defer { _ = server.stop() }
        let before = try runner.run(["ob", "show", "--json"]).stdout
        let rdp = try runner.run(["attach", "127.0.0.1:\(server.port)", "--live", "ob", "RDP=0xBB"])
        #expect(rdp.status == 64)
        #expect(rdp.stderr.contains("changes RDP on the chip") && rdp.stderr.contains("--allow-lockout"))
        let launch = try runner.run(["attach", "127.0.0.1:\(server.port)", "--live", "ob", "BOR_LEV=1", "--launch"])
        #expect(launch.status == 64)
        #expect(launch.stderr.contains("resets the chip") && launch.stderr.contains("--allow-reset"))
        // Nothing reached the chip.
        #expect(try runner.run(["ob", "show", "--json"]).stdout == before)
    }

    @Test func aChipThatIsNotAnL5IsRefused() throws {
        let server = try FakeGDBServer { packet in
            FakeGDBServer.memory(packet, FakeGDBServer.registers(idcode: 0x1000_6435)) ?? (packet == "?" ? "S05" : "")
        }
        defer { server.stop() }
        let runner = try CommandRunner()
        let result = try runner.run(["attach", "127.0.0.1:\(server.port)"])
        #expect(result.status == 65)
        #expect(result.stderr == "flashscope: attach: not an STM32L5: DBGMCU_IDCODE reads 0x10006435\n")
        #expect(!FileManager.default.fileExists(atPath: runner.device))
    }

    @Test func nonsenseGetsAnErrorNamingThePacket() throws {
        let server = try FakeGDBServer { packet in
            packet == "?" ? "S05" : packet.hasPrefix("m") ? "not hex at all" : ""
        }
        defer { server.stop() }
        let runner = try CommandRunner()
        let result = try runner.run(["attach", "127.0.0.1:\(server.port)"])
        #expect(result.status == 65)
        #expect(
            result.stderr
                == "flashscope: attach: 127.0.0.1:\(server.port): the reply to 'me0044000,4' makes no sense: 'not hex at all'\n"
        )
    }

    @Test func nothingListeningIsAOneLineError() throws {
        let runner = try CommandRunner()
        // A port that was free a moment ago: bind, read its number, close.
        let port = try FakeGDBServer { _ in nil }.port
        let result = try runner.run(["attach", "127.0.0.1:\(port)", "--timeout", "500"])
        #expect(result.status == 69)
        #expect(result.stderr.hasPrefix("flashscope: attach: 127.0.0.1:\(port): "))
        #expect(try runner.run(["attach", "no-port-here"]).status == 64)
    }

    /// Straight to serve's own GDB port (no OpenOCD): each request takes a probe's round trip of
    /// virtual time, so the erase's BSY clears while attach polls NSSR, as on a chip.
    @Test func aLiveEraseThroughServesGDBPortDoesWhatTheModelPredicted() throws {
        let (runner, server) = try servedDevice()
        let erase = try runner.run(["attach", "127.0.0.1:\(server.port)", "--live", "erase", "0x08000000"])
        let (status, log) = server.stop()
        #expect(status == 0, "\(log)")
        #expect(erase.status == 0, "\(erase.text)\(erase.stderr)")
        #expect(erase.text.contains("the chip did what the model predicted"), "\(erase.text)")
        let page = try runner.run(["read", "0x08000000", "2048", "--format", "bin"])
        #expect([UInt8](page.stdout) == [UInt8](repeating: 0xFF, count: 2048))
        let next = try runner.run(["read", "0x08000800", "4", "--format", "bin"])
        #expect([UInt8](next.stdout) != [0xFF, 0xFF, 0xFF, 0xFF], "the page after it is untouched")
    }

    /// `--trace` prints the chip's accesses as `flashscope trace` prints the model's (reference §5:
    /// PER and PNB, then STRT on NSCR, NSSR polled while BSY), beside the prediction's, and each
    /// busy wait is timed next to the model's 22.0 ms page erase (reference §6).
    @Test func aLiveEraseWithTraceShowsBothTracesAndTheTiming() throws {
        let (runner, server) = try servedDevice()
        let erase = try runner.run(["attach", "127.0.0.1:\(server.port)", "--live", "erase", "0x08000800", "--trace"])
        let json = try runner.run(
            ["attach", "127.0.0.1:\(server.port)", "--live", "erase", "0x08020800", "--trace", "--json"])
        let (status, log) = server.stop()
        #expect(status == 0, "\(log)")
        #expect(erase.status == 0, "\(erase.text)\(erase.stderr)")
        let text = erase.text
        let model = try #require(text.range(of: "trace of the prediction (the model):\n"))
        let chip = try #require(text.range(of: "trace on the chip (each access one round trip):\n"))
        for section in [String(text[model.upperBound..<chip.lowerBound]), String(text[chip.upperBound...])] {
            let lines = section.split(separator: "\n")
            #expect(lines.contains { $0.contains(" W 0x40022028 NSCR ") && $0.contains("STRT=1") }, "\(section)")
            #expect(lines.contains { $0.contains("PNB=1 (was 0)") }, "\(section)")
            #expect(lines.contains { $0.contains(" R 0x40022020 NSSR ") }, "\(section)")
            #expect(section.contains("; call EraseSector(0x08000800)"), "\(section)")
        }
        #expect(text.contains("the chip's accesses follow the model's"), "\(text)")
        #expect(text.contains("timing EraseSector(0x08000800) STRT: BSY "), "\(text)")
        #expect(text.contains("; the model 22.0 ms"), "\(text)")
        #expect(text.contains("the chip did what the model predicted"), "\(text)")

        #expect(json.status == 0, "\(json.stderr)")
        let object = try json.object()
        let timing = try #require(object["timing"] as? [String])
        #expect(timing.count == 1 && timing[0].hasPrefix("timing EraseSector(0x08020800) STRT: "), "\(timing)")
        let trace = try #require(object["trace"] as? [[String: Any]])
        #expect(trace.contains { $0["register"] as? String == "NSCR" && $0["call"] as? String == "EraseSector" })
        #expect((object["predictedTrace"] as? [[String: Any]])?.isEmpty == false)
        #expect(object["departure"] is NSNull)
    }

    @Test func aConnectionDroppedMidOperationStopsNamingTheLastAcknowledgedAccess() throws {
        let runner = try CommandRunner()
        try runner.run(["init", "--part", "STM32L552xC"])
        let registers = FakeGDBServer.registers()
        // The first write of the erase (the key or status register) meets a closed connection.
        let server = try FakeGDBServer { packet in
            if packet == "?" { return "S05" }
            if packet.hasPrefix("M") { return nil }
            return FakeGDBServer.memory(packet, registers) ?? ""
        }
        defer { server.stop() }
        let result = try runner.run(["attach", "127.0.0.1:\(server.port)", "--live", "erase", "0x08000800"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("the connection was lost during the live erase"))
        #expect(result.stderr.contains("the last acknowledged access was read 0x40022020 = 0x00000000"))
        #expect(result.text.contains("prediction (on \(runner.device)):"))
    }
}
