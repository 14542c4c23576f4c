import DeviceStore
import Foundation
import Testing

/// One process holds the device open and watches; another programs it.
@Suite(.serialized) struct ConcurrencyTests {
    @Test func watcherSeesAnotherProcessProgram() async throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let store = try DeviceStore.open(at: cli.device)
        let watcher = try DeviceWatcher(path: cli.device)
        #expect(!watcher.hasChanged())
        let image = try cli.file("image.bin", bytes: (0..<0x8_0000).map { UInt8($0 % 251) })

        // Keep reading while the other process programs the whole flash.
        let program = Task.detached { try cli.run(["program", image, "--address", "0x08000000"]) }
        var reads = 0
        var sawChange = false
        while true {
            _ = try store.load()
            reads += 1
            if watcher.hasChanged() { sawChange = true }
            if sawChange { break }
            try await Task.sleep(for: .milliseconds(20))
            if reads > 1500 { break }
        }
        let output = try await program.value
        #expect(output.status == 0, "\(output.stderr)")
        #expect(sawChange, "the watcher noticed the change")
        #expect(try store.load().flash[1] == 1, "the holder sees the new contents")
        #expect(!watcher.hasChanged(), "one change is reported once")
    }

    /// `program` into the OCTOSPI flash while `ob set` runs: each either lands on top of the
    /// other or is refused (75) having written nothing; `log` lists exactly those that landed,
    /// and undoing them restores what each replaced.
    @Test func twoWritersLoseNothing() async throws {
        let cli = try CommandRunner()
        try cli.run(["init"])
        let image = try cli.file("big.bin", bytes: (0..<0x40_0000).map { UInt8($0 % 253) })
        let clock = ContinuousClock()
        let program = Task.detached { (try cli.run(["program", image, "--address", "0x90000000"]), clock.now) }
        // Long enough for the program to have read the device; it then runs for seconds.
        try await Task.sleep(for: .milliseconds(1500))
        let option = try cli.run(["ob", "set", "SWAP_BANK=1"])
        let optionDone = clock.now
        let (programmed, programDone) = try await program.value
        // A 4 MiB program takes seconds, so ob set normally lands while it runs and the program's
        // save must then be refused. On a loaded machine ob set may start only after the program
        // saved; then the two ran one after the other and both land. Either way nothing is lost.
        let overlapped = programDone > optionDone
        if overlapped {
            #expect(programmed.status == 75, "program saved over a device changed while it ran")
        } else {
            #expect(programmed.status == 0, "program ran alone before ob set: \(programmed.stderr)")
        }
        for output in [programmed, option] {
            #expect([0, 75].contains(output.status), "\(output.status): \(output.stderr)")
            if output.status == 75 {
                #expect(
                    output.stderr
                        == "flashscope: \(cli.device): the device file changed since it was read (by another process); "
                        + "nothing was written, run the command again\n")
            }
        }
        #expect(option.status == 0, "ob set never waits on the program: \(option.stderr)")
        let landed = try cli.run(["log", "--json"]).json() as? [[String: Any]] ?? []
        let kinds = landed.map { $0["kind"] as? String ?? "" }
        #expect(kinds.count == [programmed, option].filter { $0.status == 0 }.count, "\(kinds)")
        func swapPending() throws -> Bool {
            let pending = try cli.run(["ob", "--json"]).object()["pending"] as? [String: Any]
            return (pending?["fields"] as? [String: Any])?["SWAP_BANK"] as? Int == 1
        }
        func firstBytes() throws -> Data { try cli.run(["read", "0x90000000", "4"]).stdout }
        #expect(try swapPending() == (option.status == 0), "the option change is kept")
        #expect(try firstBytes() == Data(programmed.status == 0 ? [0, 1, 2, 3] : [0xFF, 0xFF, 0xFF, 0xFF]))

        // Undo each that landed, newest first: each restores exactly what it replaced and
        // leaves the other's change alone.
        var swap = try swapPending()
        var bytes = try firstBytes()
        for kind in kinds.reversed() {
            #expect(try cli.run(["undo"]).status == 0)
            if kind == "program" {
                bytes = Data([0xFF, 0xFF, 0xFF, 0xFF])
            } else {
                swap = false
            }
            #expect(try firstBytes() == bytes, "after undoing \(kind)")
            #expect(try swapPending() == swap, "after undoing \(kind)")
        }
        #expect(try cli.run(["undo"]).status == 64, "nothing more to undo")
    }
}
