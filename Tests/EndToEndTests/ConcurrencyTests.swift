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
}
