import Testing

@testable import FlashCore

/// One set of facts about what an operation changed, told three ways: the history's and the
/// UI status line's one line, the UI confirmation's lines, and the command line's report.
@Suite struct OperationChangesTests {
    /// Page 0 (2 KiB with DBANK=1, reference §1; §5: a page erase clears the whole page) holds 16 bytes at 0x100;
    /// 5 bytes go to the start of the page.
    private func program(preserve: Bool, plan: Bool = false) throws -> OperationResult {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        state.flash.replaceSubrange(0x100..<0x110, with: [UInt8](repeating: 0x5A, count: 16))
        let engine = FlashEngine(machine: Machine(state: state))
        let image = try MemoryImage(segments: [.init(address: 0x0800_0000, bytes: Array("HELLO".utf8))])
        if plan { return try engine.plan { try $0.program(image, preserve: preserve) } }
        return try engine.program(image, preserve: preserve)
    }

    @Test func withPreserveTheOtherBytesAreRewrittenAndEveryTextSaysSo() throws {
        let changes = try program(preserve: true).changes
        #expect(changes.erased.count == 1)
        #expect(changes.bytesProgrammed == 5)
        #expect(changes.bytesPreserved == 16)
        #expect(changes.collateral.isEmpty)
        #expect(changes.summary == "1 page erased, 5 bytes programmed, 16 preserved bytes rewritten")
        #expect(
            changes.planLines == [
                "erases PNB 0 BKER 0: 0x08000000–0x080007FF", "programs 5 bytes of the image",
                "rewrites 16 preserved bytes",
            ])
        #expect(changes.planWarnings.isEmpty)
        #expect(changes.reportLines.contains("  programmed 5 bytes of the image"))
        #expect(changes.reportLines.contains("  preserved 16 bytes outside the image that held data (rewritten)"))
        #expect(changes.collateralReport.isEmpty)
    }

    @Test func withoutPreserveTheOtherBytesAreCollateralInEveryText() throws {
        let changes = try program(preserve: false).changes
        #expect(changes.collateralBytes == 16)
        #expect(changes.summary == "1 page erased, 5 bytes programmed, 16 bytes of collateral")
        #expect(changes.planWarnings == ["destroys 16 bytes outside the request"])
        #expect(
            changes.collateralReport == [
                "  collateral: 16 bytes outside the request held data and were destroyed:",
                "    0x08000100–0x0800010F (16 bytes)",
            ])
    }

    @Test func aPlanSaysWouldBe() throws {
        let changes = try program(preserve: false, plan: true).changes
        #expect(changes.collateralReport.first?.hasSuffix("held data and would be destroyed:") == true)
    }

    @Test func optionChangesAreStagedUntilLaunch() throws {
        let engine = FlashEngine(machine: Machine(state: .factoryFresh(.stm32l562xE)))
        let changes = try engine.setOptions([("DBANK", 0)], launch: false).changes
        #expect(changes.summary == "staged DBANK 1 → 0")
        #expect(changes.reportLines == ["  staged    DBANK 1 → 0 (pending until OBL_LAUNCH)"])
    }
}
