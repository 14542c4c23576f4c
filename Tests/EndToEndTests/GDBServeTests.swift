import Foundation
import GDBRemote
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `flashscope serve --gdb` driven by real gdb-multiarch in batch mode (issue 16; debug-port.md §7).
/// Each test checks the device file with FlashScope's own commands afterwards.
@Suite(.serialized) struct GDBServeTests {
    static func served(_ arguments: [String] = [], setup: [[String]] = []) throws -> (CommandRunner, GDBServer)? {
        if let missing = GDBServer.toolsMissing {
            print(missing)
            return nil
        }
        let runner = try CommandRunner()
        try runner.run(["init"])
        for command in setup { try runner.run(command) }
        return (runner, try GDBServer(runner, arguments: arguments))
    }

    @Test func loadSpanningBothBanksMatchesAndTheDeviceFileHoldsIt() throws {
        guard let (runner, server) = try Self.served() else { return }
        // 8 KiB from 0x0803F000: the last 4 KiB of bank 1 and the first 4 KiB of bank 2 (DBANK=1).
        let elf = try server.elf("span", bytes: pattern(0x2000, seed: 7), at: 0x0803_F000)
        let (status, output) = try server.gdb(["load", "compare-sections", "monitor result"], file: elf)
        #expect(status == 0, "\(output)")
        #expect(output.contains("range 0x803f000 -- 0x8041000: matched"), "\(output)")
        // gdb merged the erase across the two banks; the server split it per bank.
        #expect(output.contains("PNB 126–127 BKER 0 (physical bank 1)"), "\(output)")
        #expect(output.contains("PNB 0–1 BKER 1 (physical bank 2)"), "\(output)")
        #expect(server.stop().status == 0)
        let verify = try runner.run(["verify", elf])
        #expect(verify.status == 0, "\(verify.text)\(verify.stderr)")
        // One load, one journaled operation.
        let log = try runner.run(["log"])
        #expect(log.text.contains("program\tok\t4 pages erased, 8192 bytes programmed"), "\(log.text)")
    }

    @Test func theMemoryMapIsTheLayoutAndFollowsADBANKChangeAcrossTheReconnect() throws {
        guard let (runner, server) = try Self.served() else { return }
        let elf = try server.elf("app", bytes: pattern(0x3000, seed: 3), at: 0x0800_0000)
        let (status, output) = try server.gdb(
            [
                "info mem", "monitor ob set DBANK=0", "monitor ob launch", "disconnect",
                "target extended-remote 127.0.0.1:\(server.port)", "info mem", "load", "compare-sections",
            ], file: elf)
        #expect(status == 0, "\(output)")
        // Before: two banks of 2 KiB blocks; after OBL_LAUNCH, one region of 4 KiB blocks (debug-port.md §7).
        #expect(output.contains("0x08000000 0x08040000 flash blocksize 0x800"), "\(output)")
        #expect(output.contains("0x08040000 0x08080000 flash blocksize 0x800"), "\(output)")
        #expect(output.contains("gdb reads the memory map once per connection"), "\(output)")
        #expect(output.contains("0x08000000 0x08080000 flash blocksize 0x1000"), "\(output)")
        #expect(output.contains("range 0x8000000 -- 0x8003000: matched"), "\(output)")
        #expect(server.stop().status == 0)
        let info = try runner.run(["info"])
        #expect(info.text.contains("single bank, 4 KiB pages"), "\(info.text)")
        #expect(try runner.run(["verify", elf]).status == 0)
    }

    @Test func monitorCommandsPrintWhatTheCommandLinePrints() throws {
        guard let (runner, server) = try Self.served() else { return }
        let (status, output) = try server.gdb([
            "monitor help", "monitor locate 0x08040800", "monitor ob", "monitor info", "monitor algorithm",
            "monitor frobnicate",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("monitor ob set NAME=VALUE"), "\(output)")
        #expect(output.contains("load uses bank-aware"), "\(output)")
        #expect(output.contains("unknown monitor command 'frobnicate'"), "\(output)")
        #expect(server.stop().status == 0)
        for command in [["locate", "0x08040800"], ["ob"], ["info"]] {
            let text = try runner.run(command).text
            #expect(!text.isEmpty)
            #expect(output.contains(text.trimmingCharacters(in: .newlines)), "\(command): \(text)\n---\n\(output)")
        }
    }

    @Test func registersAndMemoryReadAndWrite() throws {
        guard let (_, server) = try Self.served() else { return }
        let (status, output) = try server.gdb([
            "set $r0 = 0x1234", "p/x $r0", "set {int}0x20000000 = 0x11223344", "x/4xb 0x20000000",
            "info registers", "x/x 0x40022040", "x/x 0x0BFA05E0",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("$1 = 0x1234"), "\(output)")
        #expect(output.contains("0x20000000:\t0x44\t0x33\t0x22\t0x11"), "\(output)")
        for name in ["xpsr", "msp", "psp", "primask", "basepri", "faultmask", "control", "msp_ns", "psp_s"] {
            #expect(output.contains("\n\(name) "), "\(name) in \(output)")
        }
        // The 16-bit flash size register reads 512 (KB) on the STM32L562xE (stm32l5-flash.md §8).
        #expect(output.contains("0xbfa05e0:\t0x"), "\(output)")
        #expect(!output.contains("unable to determine msp alias"), "\(output)")
        #expect(server.stop().status == 0)
    }

    @Test func gdb13sUnerasedLastBlockIsExplained() throws {
        guard let (runner, server) = try Self.served() else { return }
        // 0x801 bytes from 0x08000000: the last byte is the first of the next 2 KiB block, which
        // gdb 13 does not erase (debug-port.md §7).
        let elf = try server.elf("edge", bytes: pattern(0x801, seed: 5), at: 0x0800_0000)
        let (status, output) = try server.gdb(["load", "monitor result", "compare-sections"], file: elf)
        #expect(status == 0, "\(output)")
        #expect(output.contains("gdb wrote to the block at 0x08000800 without erasing it"), "\(output)")
        #expect(output.contains("matched"), "\(output)")
        #expect(server.stop().status == 0)
        #expect(try runner.run(["verify", elf]).status == 0)
    }

    @Test func assumeDualBankOnASingleBankPartReproducesThePitfallInGdbsConsole() throws {
        guard let (_, server) = try Self.served(setup: [["ob", "set", "DBANK=0", "--launch"]]) else { return }
        let first = try server.elf("first", bytes: pattern(0x1000, seed: 1), at: 0x0801_0000)
        let second = try server.elf("second", bytes: pattern(0x1000, seed: 2), at: 0x0801_0000)
        _ = try server.gdb(["load"], file: first)
        let (_, output) = try server.gdb(
            ["monitor algorithm assume-dual-bank", "load", "monitor result"], file: second)
        // stm32l5-flash.md: with DBANK=0 the dual-bank page numbering erases the wrong page.
        #expect(output.contains("Error finishing flash operation"), "\(output)")
        #expect(output.contains("PROGERR at 0x08010000"), "\(output)")
        #expect(server.stop().status == 0)
    }

    @Test func anOctoSPISectionLoadsThroughTheOctoSPIEngine() throws {
        guard let (runner, server) = try Self.served() else { return }
        let elf = try server.elf("ospi", bytes: pattern(0x1800, seed: 9), at: 0x9000_0000)
        let (status, output) = try server.gdb(["info mem", "load", "compare-sections", "monitor result"], file: elf)
        #expect(status == 0, "\(output)")
        #expect(output.contains("0x90000000 0x94000000 flash blocksize 0x1000"), "\(output)")
        #expect(output.contains("matched"), "\(output)")
        #expect(server.stop().status == 0)
        #expect(try runner.run(["verify", elf]).status == 0)
    }

    @Test func bothListenersServeSideBySide() throws {
        guard let (_, server) = try Self.served(["--remote-bitbang", "0"]) else { return }
        #expect(server.readiness.contains("remote-bitbang 127.0.0.1:"), "\(server.readiness)")
        let (status, output) = try server.gdb(["p/x $pc"])
        #expect(status == 0, "\(output)")
        #expect(server.stop().status == 0)
    }

    @Test func aSecondGdbClientIsClosedWhileTheFirstIsServed() throws {
        guard let (_, server) = try Self.served() else { return }
        let first = try server.connect()
        defer { close(first) }
        #expect(String(decoding: exchange(first, send: "$?#3f", expect: 8), as: UTF8.self).contains("S05"))
        let second = try server.connect()
        #expect(exchange(second, send: "$?#3f", expect: 8).isEmpty, "closed without an answer")
        close(second)
        #expect(String(decoding: exchange(first, send: "$g#67", expect: 16), as: UTF8.self).hasPrefix("+$"))
        #expect(server.stop().status == 0)
    }

    /// Raw packets: one request, its reply's payload (after the `+` acknowledgement).
    private func ask(_ socket: Int32, _ payload: String, expect count: Int = 6) -> String {
        let framed = String(decoding: PacketEncoder.frame(payload), as: UTF8.self)
        return String(decoding: exchange(socket, send: framed, expect: count), as: UTF8.self)
    }

    @Test func ctrlCHaltsAResumedCoreAndBreakpointsAreFPBComparators() throws {
        guard let (_, server) = try Self.served() else { return }
        let socket = try server.connect()
        defer { close(socket) }
        // Z0 sets FP_COMP0 to the address with BE set, and FP_CTRL's ENABLE (debug-port.md §5).
        #expect(ask(socket, "Z0,8000100,2", expect: 7).contains("$OK#"))
        #expect(ask(socket, "me0002008,4", expect: 15).contains("$01010008#"))
        #expect(ask(socket, "me0002000,4", expect: 15).contains("$81000010#"), "NUM_CODE 8, REV 1, ENABLE")
        #expect(ask(socket, "z0,8000100,2", expect: 7).contains("$OK#"))
        #expect(ask(socket, "me0002008,4", expect: 15).contains("$00000000#"))
        // A loop to run (`b .` in SRAM, PC on it): on the erased flash's reset vector the core
        // would fault at once and stop by itself.
        #expect(ask(socket, "M20000000,2:fee7", expect: 7).contains("$OK#"))
        #expect(ask(socket, "Pf=00000020", expect: 7).contains("$OK#"))
        // `c` gets no reply while the core runs; 0x03 halts it and gdb hears SIGINT.
        let framed = String(decoding: PacketEncoder.frame("c"), as: UTF8.self)
        #expect(exchange(socket, send: framed, expect: 1) == Array("+".utf8))
        #expect(String(decoding: exchange(socket, send: "\u{03}", expect: 7), as: UTF8.self).contains("$S02#"))
        #expect(server.stop().status == 0)
    }

    @Test func serveWithoutAListenerIsAUsageError() throws {
        let runner = try CommandRunner()
        try runner.run(["init"])
        let result = try runner.run(["serve"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--gdb PORT"), "\(result.stderr)")
    }

    /// A breakpoint hit in a program that runs from flash: needs the emulated core under serve.
    @Test func continueStopsAtABreakpointInFlash() throws {
        guard let (_, server) = try Self.served() else { return }
        defer { _ = server.stop() }
        guard !server.log.contains("core: not emulated") else {
            print("skipped: serve runs no emulated core here (apt-get install libunicorn2)")
            return
        }
        // Vector table (SP 0x20001000, reset 0x08000009), then nop; nop; b . at 0x08000008.
        let program: [UInt8] = [0x00, 0x10, 0x00, 0x20, 0x09, 0x00, 0x00, 0x08, 0x00, 0xBF, 0x00, 0xBF, 0xFE, 0xE7]
        let elf = try server.elf("loop", bytes: program, at: 0x0800_0000)
        let (status, output) = try server.gdb(
            ["load", "monitor reset halt", "break *0x0800000a", "continue", "p/x $pc"], file: elf)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Breakpoint 1"), "\(output)")
        #expect(output.contains("= 0x800000a"), "\(output)")
    }
}
