import CUnicornShim
import Foundation

/// Unicorn (and, for disassembly, Capstone) are opened at run time, once per process.
/// `FLASHSCOPE_UNICORN` / `FLASHSCOPE_CAPSTONE` override the library paths; tests and
/// users point them at a missing file to see the behaviour of a machine without them.
enum EmulatorLibrary {
    static let unicornLoaded: Bool = {
        let path = ProcessInfo.processInfo.environment["FLASHSCOPE_UNICORN"]
        return fs_unicorn_load(path) == 0
    }()

    static let capstoneLoaded: Bool = {
        let path = ProcessInfo.processInfo.environment["FLASHSCOPE_CAPSTONE"]
        return fs_capstone_load(path) == 0
    }()
}

/// Why the emulator cannot run at all (as opposed to a fault inside a call).
package enum EmulatorSetupError: Error, Equatable, Sendable, CustomStringConvertible {
    case libraryMissing
    case unicorn(String)
    case badAlgorithm(String)

    package var description: String {
        switch self {
        case .libraryMissing: "the algorithm emulator needs libunicorn2 (apt-get install libunicorn2)"
        case .unicorn(let why): "the emulator could not be set up: \(why)"
        case .badAlgorithm(let why): "the algorithm cannot be loaded: \(why)"
        }
    }
}
