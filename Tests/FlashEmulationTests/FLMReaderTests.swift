import FlashCore
import FlashEmulation
import Foundation
import Testing

/// The FLM reader on the committed test algorithm (built by Algorithm/build.sh) and on damaged copies.
@Suite struct FLMReaderTests {
    private func bytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.testAlgorithmPath)))
    }

    @Test func readsTheFlashDeviceDescription() throws {
        let algorithms = try AlgorithmFile.load(Fixtures.testAlgorithmPath)
        #expect(algorithms.count == 1)
        let algorithm = try #require(algorithms.first)
        // Values from the FlashDevice initialiser in flash_algo.c.
        #expect(algorithm.name == "FlashScope_L5_512_test")
        #expect(algorithm.source == .flm)
        #expect(algorithm.start == 0x0800_0000)
        #expect(algorithm.end == 0x0808_0000)
        #expect(algorithm.pageSize == 0x400)
        #expect(algorithm.erasedByte == 0xFF)
        #expect(algorithm.sectors == [.init(size: 0x800, address: 0)])
        #expect(algorithm.allSectors.count == 256)
        // Linked at 0x20000020 (flash_algo.ld), so it is loaded there, not at the default.
        #expect(algorithm.loadAddress == 0x2000_0020)
        #expect(algorithm.initOffset != nil && algorithm.uninitOffset != nil && algorithm.eraseChipOffset != nil)
        // PrgData (4 bytes of .bss) follows PrgCode: the static base is past the code.
        #expect(Int(algorithm.dataSectionOffset) + 4 == algorithm.blob.count)
    }

    @Test func declaredSectorsCoverTheRange() throws {
        let algorithm = try #require(try AlgorithmFile.load(Fixtures.testAlgorithmPath).first)
        #expect(algorithm.sector(containing: 0x0800_0FFF) == DeclaredSector(start: 0x0800_0800, size: 0x800))
        #expect(algorithm.sector(containing: 0x0807_FFFF) == DeclaredSector(start: 0x0807_F800, size: 0x800))
        #expect(algorithm.sector(containing: 0x0808_0000) == nil)
        #expect(algorithm.sector(containing: 0x07FF_FFFF) == nil)
    }

    @Test(arguments: [16, 52, 100, 400, 1000, 3000])
    func truncatedFilesAreRejectedNotCrashed(length: Int) throws {
        let cut = Array(try bytes().prefix(length))
        #expect(throws: AlgorithmFileError.self) { try FLMReader.read(cut, file: "cut.FLM") }
    }

    @Test func aFileWithoutPrgCodeIsNotAnAlgorithm() throws {
        var damaged = try bytes()
        // Rename every "PrgCode" in the section name table.
        let name = Array("PrgCode".utf8)
        for index in 0..<(damaged.count - name.count) where Array(damaged[index..<index + name.count]) == name {
            damaged[index] = UInt8(ascii: "X")
        }
        #expect(throws: AlgorithmFileError.self) { try FLMReader.read(damaged, file: "damaged.FLM") }
    }

    @Test func missingFileSaysItCannotBeOpened() {
        #expect {
            try AlgorithmFile.load("/nonexistent/algo.FLM")
        } throws: { error in
            (error as? AlgorithmFileError)?.cannotOpen == true
        }
    }
}
