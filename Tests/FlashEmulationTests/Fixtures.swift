import FlashCore
import FlashEmulation
import Foundation

/// Test data outside the package: probe-rs's STM32L5 description lives in shared/ beside
/// the repository (never copied in); the test algorithm's ELF is committed under Algorithm/.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let probeRsPath = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/probe-rs/STM32L5_Series.yaml").path

    static var hasProbeRs: Bool { FileManager.default.fileExists(atPath: probeRsPath) }

    static let testAlgorithmPath = repositoryRoot.appendingPathComponent(
        "Tests/FlashEmulationTests/Algorithm/flash_algo.FLM"
    ).path

    /// The protection probe (Algorithm/protection_probe.c): unlocks without reading LOCK, and its
    /// EraseChip runs the HAL's option-byte sequence ending in OBL_LAUNCH.
    static let protectionProbePath = repositoryRoot.appendingPathComponent(
        "Tests/FlashEmulationTests/Algorithm/protection_probe.FLM"
    ).path

    static func probeRs(_ name: String) throws -> VendorAlgorithm {
        let algorithms = try AlgorithmFile.load(probeRsPath)
        guard let algorithm = algorithms.first(where: { $0.name == name }) else {
            throw AlgorithmFileError(file: probeRsPath, reason: "no \(name)")
        }
        return algorithm
    }

    /// A machine in a given configuration (option bytes applied as if launched).
    static func machine(part: Part = .stm32l562xE, dbank: Bool = true, swap: Bool = false, tzen: Bool = false)
        -> Machine
    {
        var state = DeviceState.factoryFresh(part)
        var optr = state.effective[.optr]
        optr = dbank ? optr | (1 << 22) : optr & ~(1 << 22)
        optr = swap ? optr | (1 << 20) : optr & ~(1 << 20)
        optr = tzen ? optr | (1 << 31) : optr & ~(1 << 31)
        state.effective[.optr] = optr
        state.pending[.optr] = optr
        return Machine(state: state)
    }
}
