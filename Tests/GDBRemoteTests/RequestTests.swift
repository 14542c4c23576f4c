import Testing

@testable import GDBRemote

/// Packet grammar from the GDB manual, "Packets", "General Query Packets" and "Host I/O" (vFlash).
@Suite struct RequestTests {
    private func parse(_ text: String) -> Request { Request.parse(Array(text.utf8)) }

    @Test func startupPackets() {
        #expect(
            parse("qSupported:multiprocess+;swbreak+;xmlRegisters=arm")
                == .supported(["multiprocess+", "swbreak+", "xmlRegisters=arm"]))
        #expect(parse("QStartNoAckMode") == .startNoAck)
        #expect(parse("vMustReplyEmpty") == .unsupported)
        #expect(parse("?") == .haltReason)
        #expect(parse("Hg0") == .setThread)
        #expect(parse("qAttached:1") == .attached)
        #expect(parse("!") == .extendedMode)
    }

    @Test func registerPackets() {
        #expect(parse("g") == .readRegisters)
        #expect(parse("G0011") == .writeRegisters([0x00, 0x11]))
        #expect(parse("p1f") == .readRegister(31))
        #expect(parse("Pf=78563412") == .writeRegister(15, [0x78, 0x56, 0x34, 0x12]))
        #expect(parse("Pf=7") == .malformed("P: expected N=VALUE in hex"))
        #expect(parse("pzz") == .malformed("p: bad register number"))
    }

    @Test func memoryPackets() {
        #expect(parse("m8000000,4") == .readMemory(address: 0x0800_0000, length: 4))
        #expect(parse("M20000000,2:abcd") == .writeMemory(address: 0x2000_0000, bytes: [0xAB, 0xCD]))
        #expect(
            Request.parse(Array("X20000000,3:".utf8) + [0x00, 0x23, 0xFF])
                == .writeMemory(address: 0x2000_0000, bytes: [0x00, 0x23, 0xFF]))
        #expect(parse("X20000000,0:") == .writeMemory(address: 0x2000_0000, bytes: []))
        #expect(parse("M20000000,3:abcd") == .malformed("M: 2 data bytes for a length of 3"))
        #expect(parse("m123456789,4") == .malformed("m: expected ADDRESS,LENGTH in hex"))
        #expect(parse("m,") == .malformed("m: expected ADDRESS,LENGTH in hex"))
    }

    @Test func flashPackets() {
        #expect(parse("vFlashErase:08000000,00001000") == .flashErase(address: 0x0800_0000, length: 0x1000))
        #expect(
            Request.parse(Array("vFlashWrite:8000000:".utf8) + [0x24, 0x3A])
                == .flashWrite(address: 0x0800_0000, bytes: [0x24, 0x3A]))
        #expect(parse("vFlashDone") == .flashDone)
        #expect(parse("vFlashWrite:zz:") == .malformed("vFlashWrite: expected ADDRESS:DATA"))
    }

    @Test func transferPackets() {
        #expect(
            parse("qXfer:features:read:target.xml:0,ffb")
                == .read(.features, annex: "target.xml", offset: 0, length: 0xFFB))
        #expect(parse("qXfer:memory-map:read::400,200") == .read(.memoryMap, annex: "", offset: 0x400, length: 0x200))
        #expect(parse("qXfer:libraries:read::0,100") == .unsupported)
        #expect(parse("qXfer:features:read:target.xml:0") == .malformed("qXfer: expected OFFSET,LENGTH"))
    }

    @Test func monitorAndCRC() {
        // "help" = 68 65 6c 70.
        #expect(parse("qRcmd,68656c70") == .monitor("help"))
        #expect(parse("qRcmd,6") == .malformed("qRcmd: not hex"))
        #expect(parse("qCRC:8000000,100") == .crc(address: 0x0800_0000, length: 0x100))
    }

    @Test func runControl() {
        #expect(parse("c") == .resume(.continue, at: nil))
        #expect(parse("s8000100") == .resume(.step, at: 0x0800_0100))
        #expect(parse("vCont?") == .vContQuery)
        #expect(parse("vCont;c") == .resumeActions([.continue]))
        #expect(parse("vCont;s:1;c") == .resumeActions([.step, .continue]))
        #expect(parse("vCont;x") == .malformed("vCont: unknown action 'x'"))
        #expect(parse("Z0,8000100,2") == .insertBreakpoint(.software, address: 0x0800_0100, kind: 2))
        #expect(parse("z1,8000100,2") == .removeBreakpoint(.hardware, address: 0x0800_0100, kind: 2))
        #expect(parse("Z2,20000000,4") == .insertBreakpoint(.writeWatch, address: 0x2000_0000, kind: 4))
        #expect(parse("Z9,0,0") == .unsupported)
        #expect(parse("Z0,1") == .malformed("Z/z: expected TYPE,ADDRESS,KIND"))
        #expect(parse("D") == .detach)
        #expect(parse("D;1") == .detach)
        #expect(parse("k") == .kill)
        #expect(parse("vRun;") == .run)
    }

    @Test func unknownAndEmpty() {
        #expect(Request.parse([]) == .unsupported)
        #expect(parse("qTStatus") == .unsupported)
        #expect(parse("\u{FF}") == .unsupported)
    }
}

@Suite struct DocumentTests {
    @Test func memoryMapListsFlashWithBlockSizes() {
        let map = MemoryMap(regions: [
            .init(.ram, start: 0x2000_0000, length: 0x4_0000),
            .init(.flash(blockSize: 0x800), start: 0x0800_0000, length: 0x4_0000),
        ])
        #expect(map.xml.contains("<memory type=\"flash\" start=\"0x8000000\" length=\"0x40000\">"))
        #expect(map.xml.contains("<property name=\"blocksize\">0x800</property>"))
        #expect(map.xml.contains("<memory type=\"ram\" start=\"0x20000000\" length=\"0x40000\"/>"))
        #expect(map.flashRegion(at: 0x0803_FFFF)?.start == 0x0800_0000)
        #expect(map.flashRegion(at: 0x0804_0000) == nil)
        #expect(map.flashRegion(at: 0x2000_0000) == nil)
    }

    @Test func transferRepliesInPieces() {
        let document = Array("abcdef".utf8)
        #expect(transferReply(document, offset: 0, length: 4) == Array("mabcd".utf8))
        #expect(transferReply(document, offset: 4, length: 4) == Array("lef".utf8))
        #expect(transferReply(document, offset: 100, length: 4) == Array("l".utf8))
    }

    @Test func targetDescriptionCarriesRegisterNumbers() {
        let description = TargetDescription(
            architecture: "arm", features: [.init("org.gnu.gdb.arm.m-profile", registers: [.init("pc", number: 15)])])
        #expect(description.xml.contains("<feature name=\"org.gnu.gdb.arm.m-profile\">"))
        #expect(description.xml.contains("<reg name=\"pc\" bitsize=\"32\" regnum=\"15\" type=\"int\"/>"))
    }
}
