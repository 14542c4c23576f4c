import Foundation
import Testing

/// The system memory, TrustZone access and the small option rules as a user meets them on the
/// command line (reference §8).
@Suite(.serialized) struct SystemAreaCommandTests {
    private func device() throws -> CommandRunner {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        return cli
    }

    /// `printf serial-0042 > otp.bin; program otp.bin --address 0x0BFA0000; read; verify; again`.
    @Test func otpIsProgrammedOnceAndNeverErased() throws {
        let cli = try device()
        let otp = try cli.file("otp.bin", bytes: Array("serial-0042".utf8))
        let program = try cli.run(["program", otp, "--address", "0x0BFA0000", "--json"])
        #expect(program.status == 0)
        #expect(try program.object()["bytesProgrammed"] as? Int == 11)
        let read = try cli.run(["read", "0x0BFA0000", "16", "-o", cli.directory.appendingPathComponent("o.bin").path])
        #expect(read.status == 0)
        let back = try Data(contentsOf: cli.directory.appendingPathComponent("o.bin"))
        #expect([UInt8](back) == Array("serial-0042".utf8) + [UInt8](repeating: 0xFF, count: 5))
        #expect(try cli.run(["verify", otp, "--address", "0x0BFA0000"]).status == 0)
        let again = try cli.run(["program", otp, "--address", "0x0BFA0000"])
        #expect(again.status == 1)
        #expect(again.text.contains("PROGERR at 0x0BFA0000"))
        let fingerprint = cli.deviceFingerprint()
        let erase = try cli.run(["erase", "0x0BFA0000"])
        #expect(erase.status == 65)
        #expect(erase.stderr.contains("never erased"))
        #expect(erase.stderr.split(separator: "\n").count == 1)
        #expect(cli.deviceFingerprint() == fingerprint, "the device file is unchanged")
    }

    @Test func theRestOfTheSystemMemoryIsRefusedWithOneLine() throws {
        let cli = try device()
        let bytes = try cli.file("x.bin", bytes: [1, 2, 3, 4])
        for address in ["0x0BFA0590", "0x0BFA05E0", "0x0BFA0500", "0xE0044004"] {
            let program = try cli.run(["program", bytes, "--address", address])
            #expect(program.status == 65)
            #expect(program.stderr.contains("only the OTP area"), "\(address)")
            #expect(program.stderr.split(separator: "\n").count == 1)
        }
        let crossing = try cli.run([
            "program", try cli.file("big.bin", bytes: [UInt8](repeating: 0, count: 0x210)), "--address", "0x0BFA0000",
        ])
        #expect(crossing.status == 65, "an image running past the OTP area")
        #expect(try cli.run(["read", "0x0BFA0200", "4"]).status == 65, "reserved system memory")
    }

    @Test func locateAndInfoNameTheSystemWords() throws {
        let cli = try device()
        let uid = try cli.run(["locate", "0x0BFA0590", "--json"]).object()
        #expect(uid["area"] as? String == "unique device ID")
        #expect(uid["register"] as? String == "UID0")
        #expect(uid["programmable"] as? Bool == false)
        let otp = try cli.run(["locate", "0x0BFA0013"])
        #expect(otp.text.contains("double word 0x0BFA0010–0x0BFA0017"))
        #expect(otp.text.contains("never erased"))
        let dbgmcu = try cli.run(["locate", "0xE0044000"])
        #expect(dbgmcu.text.contains("DBGMCU_IDCODE, offset 0, reads 0x20000472"))
        let info = try cli.run(["info", "--json"]).object()
        let system = try #require(info["system"] as? [String: Any])
        #expect(system["idcode"] as? String == "0x20000472")
        #expect(system["flashSizeKB"] as? Int == 512)
        let uidText = try #require(system["uid"] as? String)
        #expect(uidText == (try cli.run(["info", "--json"]).object()["system"] as? [String: Any])?["uid"] as? String)
        let words = try cli.run(["read", "0x0BFA0590", "12", "--json"]).object()["hex"] as? String
        // The UID the bus reads is the one info prints (info: word 2 first; the bus: byte 0 first).
        let printed = uidText.split(separator: " ").reversed().map { String($0.dropFirst(2)) }
        let bytes = printed.map { word in
            stride(from: 6, through: 0, by: -2).map { String(Array(word)[$0...$0 + 1]) }.joined()
        }
        #expect(words == bytes.joined())
        let other = try device()
        #expect((try other.run(["info", "--json"]).object()["system"] as? [String: Any])?["uid"] as? String != uidText)
        let small = try CommandRunner()
        #expect(try small.run(["init", "--part", "STM32L552xC"]).status == 0)
        #expect(try small.run(["read", "0x0BFA05E0", "2", "--json"]).object()["hex"] as? String == "0001")
    }

    /// `ob set TZEN=1 ... --launch`: secure pages read as zero through 0x08.., the alias 0x0C.. sees
    /// them, `locate` says which registers an erase needs, and `read` says why it saw zeros.
    @Test func trustZoneReadsAndLocateAsTheSiliconDoes() throws {
        let cli = try device()
        let set = try cli.run([
            "ob", "set", "TZEN=1", "SECWM1_PSTRT=0", "SECWM1_PEND=3", "SECWM2_PSTRT=127", "SECWM2_PEND=0", "HDP1EN=1",
            "HDP1_PEND=0", "--launch",
        ])
        #expect(set.status == 0)
        let data = try cli.file("d.bin", bytes: Array("ABCDEFGH".utf8))
        #expect(try cli.run(["program", data, "--address", "0x08000000", "--verify"]).status == 0)
        let nonSecure = try cli.run(["read", "0x08000000", "8", "--json"])
        #expect(try nonSecure.object()["hex"] as? String == "0000000000000000")
        #expect((try nonSecure.object()["readAsZero"] as? [Any])?.count == 1)
        let plain = try cli.run(["read", "0x08000000", "8", "-o", cli.directory.appendingPathComponent("r.bin").path])
        #expect(plain.stderr.contains("note: 0x08000000–0x08000007 is not readable through this alias"))
        #expect(try cli.run(["read", "0x0C000000", "8", "--json"]).object()["hex"] as? String == "4142434445464748")
        #expect(try cli.run(["verify", data, "--address", "0x08000000"]).status == 0, "verify compares the contents")
        let secure = try cli.run(["locate", "0x08000000", "--json"]).object()
        #expect(secure["security"] as? String == "secure")
        #expect((secure["eraseRegisters"] as? String)?.hasPrefix("SECCR (unlocked through SECKEYR)") == true)
        #expect(secure["hideArea"] as? Int == 1, "page 0 is in the bank 1 hide area")
        #expect(try cli.run(["locate", "0x08000000"]).text.contains("hidden (reads refused, WRPERR) once HDP1_ACCDIS"))
        #expect(try cli.run(["locate", "0x08000800", "--json"]).object()["hideArea"] == nil)
        let open = try cli.run(["locate", "0x08040000"])
        #expect(open.text.contains("non-secure page: erase through NSCR (unlocked through NSKEYR)"))
    }

    @Test func borLevelFiveIsRefusedWithOneLine() throws {
        let cli = try device()
        let fingerprint = cli.deviceFingerprint()
        let set = try cli.run(["ob", "set", "BOR_LEV=5"])
        #expect(set.status == 65)
        #expect(set.stderr.contains("BOR_LEV=5 does not fit: the field holds 0 to 4"))
        #expect(set.stderr.split(separator: "\n").count == 1)
        #expect(cli.deviceFingerprint() == fingerprint)
        #expect(try cli.run(["ob", "set", "BOR_LEV=4"]).status == 0)
    }
}
