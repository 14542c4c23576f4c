import FlashCore
import FlashFormats
import Foundation
import Testing

/// A binary file read a piece at a time while it is programmed: the same checks as reading it
/// whole, the same outcome in the flash, and an error when the file changes underneath.
@Suite final class BinaryFileSourceTests {
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binary-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func pattern(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ seed &+ ($0 >> 10)) }
    }

    /// The error reading the whole file gives, for comparison.
    private func readError(_ path: String, baseAddress: UInt32?) -> FormatError? {
        do {
            _ = try FirmwareFile.read(path: path, format: .binary, baseAddress: baseAddress)
            return nil
        } catch {
            return error
        }
    }

    private func sourceError(_ path: String, baseAddress: UInt32?) -> FormatError? {
        do {
            _ = try BinaryFileSource(path: path, baseAddress: baseAddress)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Opening

    @Test func holdsTheFileAtItsBaseAddress() throws {
        let bytes = pattern(5000, seed: 1)
        let source = try BinaryFileSource(path: try file("a.bin", bytes), baseAddress: 0x9000_0F00)
        #expect(source.extents == [AddressRange(from: 0x9000_0F00, to: 0x9000_0F00 + 4999)])
        #expect(try source.bytes(at: 0x9000_0F00, count: 5000) == bytes)
        #expect(try source.bytes(at: 0x9000_1000, count: 3) == Array(bytes[0x100..<0x103]))
    }

    @Test func anEmptyFileHoldsNoData() throws {
        #expect(try BinaryFileSource(path: try file("empty.bin", []), baseAddress: 0x0800_0000).extents.isEmpty)
    }

    @Test func aMissingFileIsUnreadableAsWhenReadWhole() {
        let path = directory.appendingPathComponent("missing.bin").path
        let error = sourceError(path, baseAddress: 0x0800_0000)
        #expect(error?.isUnreadableFile == true)
        #expect(error == readError(path, baseAddress: 0x0800_0000))
        #expect(error?.description.hasPrefix("\(path): cannot read file: ") == true)
    }

    @Test func aDirectoryIsUnreadableAsWhenReadWhole() {
        #expect(
            sourceError(directory.path, baseAddress: 0x0800_0000)
                == FormatError(file: directory.path, kind: .cannotOpen(reason: "is a directory")))
    }

    @Test func withoutABaseAddressItIsRefusedAsWhenReadWhole() throws {
        let path = try file("b.bin", [1, 2, 3])
        #expect(sourceError(path, baseAddress: nil) == FormatError(file: path, kind: .missingBaseAddress))
        #expect(readError(path, baseAddress: nil) == FormatError(file: path, kind: .missingBaseAddress))
    }

    @Test func runningPastFourGiBIsRefusedAsWhenReadWhole() throws {
        let path = try file("c.bin", [UInt8](repeating: 0, count: 32))
        let error = sourceError(path, baseAddress: 0xFFFF_FFF0)
        #expect(
            error
                == FormatError(
                    file: path, location: .offset(16), kind: .addressOverflow(address: 0xFFFF_FFF0, length: 32)))
        #expect(error == readError(path, baseAddress: 0xFFFF_FFF0))
        #expect(sourceError(path, baseAddress: 0xFFFF_FFE0) == nil, "ending exactly at 4 GiB is fine")
    }

    @Test func aFileShortenedAfterOpeningIsAnErrorNamingTheOffset() throws {
        let path = try file("d.bin", pattern(0x3000, seed: 2))
        let source = try BinaryFileSource(path: path, baseAddress: 0x9000_0000)
        #expect(try source.bytes(at: 0x9000_0000, count: 0x1000) == Array(pattern(0x3000, seed: 2)[0..<0x1000]))
        #expect(truncate(path, 0x1800) == 0)
        do throws(FormatError) {
            _ = try source.bytes(at: 0x9000_1000, count: 0x1000)
            Issue.record("a short read must throw")
        } catch {
            #expect(error.isUnreadableFile, "the same exit status as a file that cannot be read")
            #expect(
                error.description.hasPrefix("\(path): byte offset 6144 (0x00001800): cannot read file: "), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aPieceOutsideTheFileIsRefused() throws {
        let source = try BinaryFileSource(path: try file("e.bin", [1, 2, 3, 4]), baseAddress: 0x100)
        #expect(throws: FormatError.self) { try source.bytes(at: 0x102, count: 3) }
        #expect(throws: FormatError.self) { try source.bytes(at: 0xFF, count: 1) }
    }

    // MARK: openSource

    @Test func openSourceStreamsBinaryAndSpillsTheRest() throws {
        let binary = try FirmwareFile.openSource(path: TestFiles.fixture("data.bin"), baseAddress: 0x0800_0000)
        #expect(binary is BinaryFileSource)
        let whole = try FirmwareFile.read(path: TestFiles.fixture("data.bin"), baseAddress: 0x0800_0000)
        #expect(try binary.materialized() == whole)

        let hexPath = try file("f.hex", Array(":0400000001020304F2\n:00000001FF\n".utf8))
        let hex = try FirmwareFile.openSource(path: hexPath)
        #expect(hex is SpilledImage, "text files are parsed into a spill file, not held in memory")
        #expect(try hex.materialized() == (try FirmwareFile.read(path: hexPath)))
    }

    @Test func openSourceGivesTheErrorsReadGives() throws {
        let path = try file("g.bin", [1, 2])
        #expect(throws: FormatError(file: path, kind: .missingBaseAddress)) { try FirmwareFile.openSource(path: path) }
        let missing = directory.appendingPathComponent("nothing.bin").path
        let unreadable = try #require(readError(missing, baseAddress: 0))
        #expect(throws: unreadable) { try FirmwareFile.openSource(path: missing, baseAddress: 0) }
    }

    // MARK: Programming

    /// Sectors 0x9000_0000 and 0x9000_2000 hold old data, so preserve has something to keep in the
    /// partly covered first (0x9000_0000) and last (0x9000_2000) sectors.
    private func engineWithOldData() throws -> FlashEngine {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let old = try MemoryImage(segments: [
            .init(address: 0x9000_0000, bytes: [UInt8](repeating: 0x5A, count: 0x3000))
        ])
        #expect(try engine.program(old).succeeded)
        return engine
    }

    @Test(arguments: [true, false])
    func streamingAFileGivesWhatTheSameBytesInMemoryGive(preserve: Bool) throws {
        let bytes = pattern(0x1234, seed: 3)
        let address: UInt32 = 0x9000_0F00
        let source = try BinaryFileSource(path: try file("h.bin", bytes), baseAddress: address)
        let image = try MemoryImage(segments: [.init(address: address, bytes: bytes)])

        let streamed = try engineWithOldData()
        let fromFile = try streamed.program(source, preserve: preserve, verify: true)
        let inMemory = try engineWithOldData()
        let fromImage = try inMemory.program(image, preserve: preserve, verify: true)

        #expect(fromFile == fromImage)
        #expect(fromFile.succeeded && fromFile.verifyMismatches == [])
        #expect(fromFile.erased.map(\.pageAddress) == [0x9000_0000, 0x9000_1000, 0x9000_2000])
        #expect(fromFile.accesses > 0 && fromFile.bytesProgrammed > 0)
        let streamedFlash = try streamed.read(from: 0x9000_0000, count: 0x3000)
        #expect(streamedFlash == (try inMemory.read(from: 0x9000_0000, count: 0x3000)))
        let kept: UInt8 = preserve ? 0x5A : 0xFF
        #expect(streamedFlash[0..<0xF00].allSatisfy { $0 == kept })
        #expect(Array(streamedFlash[0xF00..<0xF00 + bytes.count]) == bytes)
        #expect(streamedFlash[(0xF00 + bytes.count)...].allSatisfy { $0 == kept })
    }

    @Test func aFileShrinkingWhileItIsProgrammedStopsTheProgram() throws {
        let path = try file("i.bin", pattern(0x4000, seed: 4))
        let source = try BinaryFileSource(path: path, baseAddress: 0x9000_0000)
        #expect(truncate(path, 0x2000) == 0)
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        do throws(EngineError) {
            _ = try engine.program(source)
            Issue.record("programming a file that shrank must throw")
        } catch {
            guard case .imageUnreadable(let what) = error else {
                Issue.record("expected imageUnreadable, got \(error)")
                return
            }
            #expect(what.hasPrefix("\(path): byte offset 8192 (0x00002000): cannot read file: "), "\(what)")
        }
    }
}
