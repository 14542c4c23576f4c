import ArgumentParser
import DeviceStore
import FlashCore
import Foundation

/// The documented exit statuses (also in README and `--help`).
enum ExitStatus {
    static let deviceError: Int32 = 1
    /// `algo check` found the algorithm doing something other than the model's bank-aware algorithm.
    static let auditFindings: Int32 = 2
    static let verifyMismatch: Int32 = 3
    /// `attach`: parts of the chip could not be read (readout protection); the snapshot holds erased bytes there.
    static let unreadable: Int32 = 4
    /// `attach --live`: the chip did not do what the model predicted.
    static let divergence: Int32 = 5
    static let usage: Int32 = 64
    static let badInput: Int32 = 65
    static let cannotOpen: Int32 = 66
    /// Something this needs is missing: a usable terminal for the UI, or libunicorn2 for the
    /// algorithm emulator (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69
    /// The device file cannot be written here: read-only directory or mount, or a `-wal` that is not a file (EX_CANTCREAT).
    static let readOnly: Int32 = 73
    static let ioError: Int32 = 74
    /// Another process saved the device while this command ran; nothing was written, running it again works (EX_TEMPFAIL).
    static let changedMeanwhile: Int32 = 75
}

/// A failure reported as one line on stderr: `flashscope: <what>: <why>`.
struct CommandFailure: Error {
    let message: String
    let status: Int32

    /// Ends the command with a status and no message (the output already said why).
    static func silent(_ status: Int32) -> CommandFailure { CommandFailure("", status: status) }

    init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    init(_ error: StoreError) {
        message = error.description
        switch error {
        case .missing, .cannotOpen: status = ExitStatus.cannotOpen
        case .alreadyExists: status = ExitStatus.usage
        case .notADeviceFile, .newerSchema, .damaged, .unknownPart: status = ExitStatus.badInput
        case .cannotWrite: status = ExitStatus.ioError
        case .readOnly: status = ExitStatus.readOnly
        case .changedSinceRead: status = ExitStatus.changedMeanwhile
        case .journal: status = ExitStatus.usage
        }
    }

    init(_ error: EngineError) {
        message = error.description
        switch error {
        case .unknownAlgorithm, .noSuchBank, .emptyRange: status = ExitStatus.usage
        case .outsideFlash, .badOption, .outsideAlgorithm: status = ExitStatus.badInput
        // The file could not be read to the end (it shrank or failed while programming or comparing).
        case .imageUnreadable, .comparisonUnreadable: status = ExitStatus.cannotOpen
        // Only a front end whose observer asked to stop sees it (commands never do): nothing was saved.
        case .stopped: status = ExitStatus.changedMeanwhile
        }
    }
}

extension CommandFailure {
    /// The one-line message and status for an error a command threw; nil for the argument
    /// parser's own errors (usage, `--help`, `ExitCode`), which it reports itself.
    init?(reporting error: any Error) {
        switch error {
        case let failure as CommandFailure: self = failure
        case let error as StoreError: self.init(error)
        case let error as EngineError: self.init(error)
        default: return nil
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("flashscope: \(message)\n".utf8))
}
