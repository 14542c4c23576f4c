import FlashCore
import FlashEmulation
import Foundation
import Testing

@Suite struct ProbeRsReaderTests {
    @Test(.enabled(if: Fixtures.hasProbeRs, "needs shared/fixtures/probe-rs beside the repository"))
    func readsEveryAlgorithmOfTheSTM32L5Description() throws {
        let algorithms = try AlgorithmFile.load(Fixtures.probeRsPath)
        // The fixture README lists six algorithms.
        #expect(
            algorithms.map(\.name).sorted() == [
                "mx25l51245g_stm32l5_ospi", "stm32l552e_eval_mx25l51245g", "stm32l562e_dk_mx25l51245g",
                "stm32l5x_512_0800", "stm32l5x_512_0c00", "stm32l5x_opt",
            ])
        let keil = try Fixtures.probeRs("stm32l5x_512_0800")
        // Values as in the YAML.
        #expect(keil.loadAddress == 0x2000_0020)
        #expect(keil.initOffset == 0x1 && keil.uninitOffset == 0x8F && keil.programPageOffset == 0x14F)
        #expect(keil.eraseSectorOffset == 0xD5 && keil.eraseChipOffset == 0xAB && keil.dataSectionOffset == 0x1C4)
        #expect(keil.start == 0x0800_0000 && keil.end == 0x0808_0000)
        #expect(keil.pageSize == 0x400)
        // Reference §7: 2 KB sectors declared in every mode.
        #expect(keil.sectors == [.init(size: 0x800, address: 0)])
        #expect(try Fixtures.probeRs("stm32l5x_512_0c00").start == 0x0C00_0000)
    }

    @Test func unknownTagsDoNotBreakParsing() throws {
        let yaml = """
            name: Test
            variants:
            - name: X
              memory_map:
              - !Nvm
                range: { start: 0x0, end: 0x10 }
            flash_algorithms:
            - name: tiny
              description: tiny
              instructions: AL4=
              load_address: 0x20000020
              pc_init: 0x1
              pc_uninit: 0x1
              pc_program_page: 0x1
              pc_erase_sector: 0x1
              data_section_offset: 0x2
              flash_properties:
                address_range: { start: 0x8000000, end: 0x8001000 }
                page_size: 0x100
                erased_byte_value: 0xff
                sectors:
                - size: 0x800
                  address: 0x0
            """
        let algorithms = try ProbeRsTargetReader.read(yaml, file: "tiny.yaml")
        #expect(algorithms.count == 1)
        #expect(algorithms.first?.blob == [0x00, 0xBE])
        #expect(algorithms.first?.eraseChipOffset == nil)
    }

    @Test(arguments: [
        "not: [yaml",
        "name: no algorithms here",
        "flash_algorithms:\n- name: broken\n  instructions: AL4=\n",
        "flash_algorithms:\n- name: x\n  instructions: AL4=\n  load_address: zz\n",
    ])
    func malformedDescriptionsAreErrors(_ text: String) {
        #expect(throws: AlgorithmFileError.self) { try ProbeRsTargetReader.read(text, file: "bad.yaml") }
    }
}
