import FlashCore
import FlashEmulation
import Foundation
import Testing

@testable import TerminalKit
@testable import TerminalUI

/// Stepping an operation run by a vendor algorithm on the emulated core (issue 7, item 6).
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
struct VendorStepTests {
    static let algorithmFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FlashEmulationTests/Algorithm/flash_algo.FLM").path

    @Test func stepsShowTheInstructionBehindEachAccess() throws {
        let vendor = try #require(try AlgorithmFile.load(Self.algorithmFile).first)
        let offers = [VendorOffer(vendor: vendor)]
        var model = AppModel(
            state: AppHarness.state(data: [(0, [UInt8](repeating: 0x42, count: 2048))]), deviceName: "test.fsdev",
            offeredAlgorithms: [vendor.name])
        while model.algorithm != vendor.name { AppHarness.send(&model, .char("a")) }
        AppHarness.send(&model, [.char("t"), .char("E"), .char("y")], offering: offers)
        let session = try #require(model.stepping)
        #expect(!session.coreSteps.isEmpty, "the core's instructions were logged")

        var strt: CoreStep?
        var withInstruction = 0
        for _ in 0..<session.total {
            AppHarness.send(&model, .char("n"))
            let current = try #require(model.stepping)
            guard let access = current.currentAccess, let step = current.currentInstruction else { continue }
            withInstruction += 1
            #expect(access.note.contains(hex(step.pc)), "the panel's PC is the one the trace names")
            #expect((0x2000_0000..<0x2004_0000).contains(step.pc), "the algorithm runs from RAM")
            #expect(step.registers.r.count == 13)
            if access.register == "NSCR", access.access == "write", access.value & (1 << 16) != 0 { strt = step }
        }
        #expect(withInstruction > 0)
        #expect(strt != nil, "the STRT write is traced to an instruction of the algorithm")
        let screen = App.view(model, size: Size(width: 200, height: 60)).lines.joined(separator: "\n")
        #expect(screen.contains("PC 0x2000"))
        AppHarness.send(&model, .char("c"))
        #expect(model.machine.controller.array.bytes[0] == 0xFF, "the erase committed")
    }
}

/// Issue 18, broken 9: a vendor algorithm's erase asks with its plan, as a built-in one does.
@Suite(.enabled(if: Emulator.isAvailable, "needs libunicorn2"))
struct VendorPlanTests {
    @Test func aVendorEraseShowsItsPlan() throws {
        let vendor = try #require(try AlgorithmFile.load(VendorStepTests.algorithmFile).first)
        let offers = [VendorOffer(vendor: vendor)]
        var model = AppModel(
            state: AppHarness.state(data: [(0x800, [UInt8](repeating: 0x42, count: 2048))]), deviceName: "test.fsdev",
            offeredAlgorithms: [vendor.name])
        while model.algorithm != vendor.name { AppHarness.send(&model, .char("a")) }
        AppHarness.goTo(&model, "0x08000800")
        AppHarness.send(&model, [.char("E")], offering: offers)
        let confirmation = try #require(model.confirmation)
        #expect(confirmation.question.contains(vendor.name))
        #expect(
            confirmation.details.contains { $0.hasPrefix("erases ") },
            "\(confirmation.details) \(confirmation.warnings)")
    }
}

/// The vendor algorithm as `flashscope tui --algorithm-file` offers it: a fresh emulated core per
/// operation, its instructions logged when asked.
struct VendorOffer: OfferedAlgorithm {
    let vendor: VendorAlgorithm

    var name: String { vendor.name }

    func instance(recordingSteps: Bool) throws -> AlgorithmInstance {
        let emulated = try EmulatedFlashAlgorithm(vendor)
        guard recordingSteps else { return AlgorithmInstance(algorithm: emulated) }
        let log = StepLog(limit: 200_000)
        log.attach(to: emulated.emulator)
        return AlgorithmInstance(algorithm: emulated, recordedSteps: { log.steps })
    }
}
