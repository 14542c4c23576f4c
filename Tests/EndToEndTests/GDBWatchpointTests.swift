import Foundation
import GDBRemote
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// gdb's hardware watchpoints (Z2 write, Z3 read, Z4 access) through `serve --gdb`: DWT
/// comparators as OpenOCD programs them (debug-port.md §5), halting the emulated core after
/// the access's instruction.
@Suite(.serialized) struct GDBWatchpointTests {
    static let counting = """
        volatile unsigned counter;
        volatile unsigned seen;
        void reset(void) {
            counter = 0;
            for (unsigned round = 0; round < 3; round++) {
                seen = counter;
                counter = seen + 1;
            }
            __asm volatile("bkpt #0");
            for (;;) {}
        }
        """

    static func served() throws -> (CommandRunner, GDBServer, String)? {
        guard let (runner, server) = try GDBServeTests.served() else { return nil }
        if let missing = GDBServer.compilerMissing {
            print(missing)
            return nil
        }
        guard !server.log.contains("core: not emulated") else {
            print("skipped: serve runs no emulated core here (apt-get install libunicorn2)")
            return nil
        }
        return (runner, server, try server.program("counting", c: counting))
    }

    @Test func watchStopsWhenTheStoreChangedTheValueAndRwatchWhenItIsRead() throws {
        guard let (_, server, elf) = try Self.served() else { return }
        defer { _ = server.stop() }
        let (status, output) = try server.gdb(
            [
                "load", "monitor reset halt", "watch counter", "continue", "p counter", "p seen", "delete",
                "rwatch counter", "continue", "p seen", "delete", "awatch seen", "continue", "continue",
            ], file: elf)
        #expect(status == 0, "\(output)")
        // counter = 0 stores the value SRAM already held, so gdb goes on; the first increment stops it.
        #expect(output.contains("Hardware watchpoint 1: counter"), "\(output)")
        #expect(output.contains("Old value = 0\nNew value = 1"), "\(output)")
        #expect(output.contains("$1 = 1\n$2 = 0"), "\(output)")
        // The next round's `seen = counter` reads it.
        #expect(output.contains("Hardware read watchpoint 2: counter\n\nValue = 1"), "\(output)")
        // An access watchpoint stops on the next store to or load of seen.
        #expect(output.contains("Hardware access (read/write) watchpoint 3: seen"), "\(output)")
        #expect(!output.contains("Could not insert"), "\(output)")
    }

    @Test func theStopReplyNamesTheWatchAndAFifthComparatorIsRefused() throws {
        guard let (_, server, _) = try Self.served() else { return }
        defer { _ = server.stop() }
        let socket = try server.connect()
        defer { close(socket) }
        // str r1,[r0] with r0 = 0x20000100, r1 = 7, then b . (in SRAM).
        #expect(ask(socket, "M20000000,4:0160fee7").contains("$OK#"))
        #expect(ask(socket, "P0=00010020").contains("$OK#"))
        #expect(ask(socket, "P1=07000000").contains("$OK#"))
        #expect(ask(socket, "Pf=00000020").contains("$OK#"))
        // A range no four comparators cover is refused at once (gdb then says it cannot insert it).
        #expect(ask(socket, "Z2,0,ffffffff", expect: 8).contains("$E04#"))
        #expect(ask(socket, "Z2,20000100,4").contains("$OK#"))
        // COMP0 the address; FUNCTION0 MATCH 5 (write), ACTION 1, DATAVSIZE 2 (OpenOCD's encoding).
        #expect(ask(socket, "me0001020,4", expect: 13).contains("$00010020#"))
        #expect(ask(socket, "me0001028,4", expect: 13).contains("$15080000#"))
        // Three more words fill the other comparators; an eight-byte range then needs two: refused.
        for address in ["20000200", "20000300", "20000400"] { #expect(ask(socket, "Z3,\(address),4").contains("$OK#")) }
        #expect(ask(socket, "Z4,20000500,8", expect: 7).contains("$E04#"))
        let reply = ask(socket, "c", expect: 23)
        #expect(reply.contains("$T05watch:20000100;#"), "\(reply)")
        // Halted after the str, on the b .
        #expect(ask(socket, "pf", expect: 13).contains("$02000020#"))
        #expect(ask(socket, "m20000100,4", expect: 13).contains("$07000000#"))
    }

    private func ask(_ socket: Int32, _ payload: String, expect count: Int = 7) -> String {
        let framed = String(decoding: PacketEncoder.frame(payload), as: UTF8.self)
        return String(decoding: exchange(socket, send: framed, expect: count), as: UTF8.self)
    }
}
