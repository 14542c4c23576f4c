import DeviceStore
import FlashCore
import FlashEmulation
import FlashFormats
import Foundation
import TerminalKit
import TerminalUI

/// What the terminal UI's runner does outside the app: the device store and the files it reads.
/// An attached board (`tui --attach`) has no store: the screen never asks it to save, undo or redo.
struct StoreEnvironment: AppEnvironment {
    let store: DeviceStore?
    let watcher: DeviceWatcher?

    /// Said when a store effect comes without a store (the board's keys never ask for one).
    private static let noStore = "no device file: the screen shows an attached board"

    func save(_ commit: OperationCommit) -> [AppMsg] {
        guard let store else { return [.effectFailed(Self.noStore)] }
        let record = OperationRecord(commit.result, command: commit.command, trace: commit.trace)
        do {
            try store.save(commit.after, changes: commit.changes, operation: record)
            return []
        } catch {
            // Refused as stale: the reload below shows what the other process saved, instead of overwriting it.
            let message =
                error == .changedSinceRead(path: store.path)
                ? "not saved: another process changed the device meanwhile; reloaded it, run the operation again"
                : "cannot save the operation: \(error)"
            var messages: [AppMsg] = [.effectFailed(message)]
            if let state = try? store.load() { messages.append(.deviceReloaded(state, reason: .saveFailed)) }
            return messages
        }
    }

    func undo() -> [AppMsg] {
        guard let store else { return [.effectFailed(Self.noStore)] }
        do {
            let ids = try store.undo()
            return [.deviceReloaded(try store.load(), reason: .undone(ids, what: ids.map(described)))]
        } catch {
            return [.effectFailed("undo: \(error)")]
        }
    }

    func redo() -> [AppMsg] {
        guard let store else { return [.effectFailed(Self.noStore)] }
        do {
            let id = try store.redo()
            return [.deviceReloaded(try store.load(), reason: .redone(id, what: described(id)))]
        } catch {
            return [.effectFailed("redo: \(error)")]
        }
    }

    func history() -> [AppMsg] {
        guard let store else { return [.historyLoaded([])] }
        do {
            let lines = try store.operations().map { stored in
                "#\(stored.id) \(stored.time) \(stored.record.command): \(stored.record.summary)"
                    + (stored.undone ? " [undone]" : "")
            }
            return [.historyLoaded(lines)]
        } catch {
            return [.effectFailed("history: \(error)")]
        }
    }

    /// An operation of the journal in words: `erase 0x08000800 --algorithm bank-aware (1 page erased)`.
    private func described(_ id: Int64) -> String {
        guard let stored = try? store?.operation(id: id) else { return "operation \(id)" }
        let command = stored.record.command
        let short = command.hasPrefix("flashscope tui: ") ? String(command.dropFirst(16)) : command
        return "\(short) (\(stored.record.summary))"
    }

    func listDirectory(prefix: String) -> [AppMsg] {
        [.directoryListed(prefix: prefix, entries: FileNameCompletion.candidates(for: prefix))]
    }

    func inspectFile(path: String) -> [AppMsg] {
        let expanded = (path as NSString).expandingTildeInPath
        var info = stat()
        guard stat(expanded, &info) == 0 else {
            return [.fileRejected(typed: path, reason: "\(expanded): no such file")]
        }
        // Only a regular file is opened here: opening a FIFO would block the update loop.
        if let why = InputFile.notRegular(info.st_mode) {
            return [.fileRejected(typed: path, reason: "\(expanded) \(why)")]
        }
        guard let handle = FileHandle(forReadingAtPath: expanded) else {
            return [.fileRejected(typed: path, reason: "\(expanded): cannot open: permission denied")]
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        let format = FirmwareFormat.detect(bytes: head, pathExtension: (expanded as NSString).pathExtension)
        return [.fileInspected(path: expanded, isBinary: format == .binary)]
    }

    func loadImage(path: String, address: UInt32) -> [AppMsg] {
        do {
            return [.imageLoaded(path: path, image: try ImageFiles.read(path, address: address))]
        } catch let failure as CommandFailure {
            return [.effectFailed(failure.message)]
        } catch {
            return [.effectFailed("\(path): \(error)")]
        }
    }

    /// The format from the extension, as `read -o` takes it; the file appears whole or not at all.
    func saveFile(path: String, image: MemoryImage, replacing: Bool) -> [AppMsg] {
        let expanded = (path as NSString).expandingTildeInPath
        guard let format = FirmwareFormat(forOutputPath: expanded) else {
            return [
                .fileNotSaved(
                    typed: path,
                    reason: "\(expanded): name a .bin, .hex or .srec file (the extension picks the format)",
                    exists: false)
            ]
        }
        var info = stat()
        if lstat(expanded, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFREG {
                return [.fileNotSaved(typed: path, reason: "\(expanded) is not a regular file", exists: false)]
            }
            if !replacing { return [.fileNotSaved(typed: path, reason: "\(expanded) exists", exists: true)] }
        }
        do {
            // The whole range, as read: a binary file is exactly its bytes, erased ones too.
            let range = image.bounds.map { UInt64($0.low)..<$0.end }
            try FirmwareFile.write(image, to: expanded, format: format, range: range)
        } catch {
            return [.fileNotSaved(typed: path, reason: error.description, exists: false)]
        }
        return [.fileSaved(path: expanded, bytes: image.byteCount, format: format.displayName)]
    }

    func externalChange() -> DeviceState? {
        guard let store, let watcher, watcher.hasChanged() else { return nil }
        return try? store.load()
    }
}

/// `tui --algorithm-file`: the vendor algorithm the screen offers beside the built-in ones, a
/// fresh emulated core for each operation (with a step log in step mode).
struct EmulatedOffer: OfferedAlgorithm {
    let vendor: VendorAlgorithm

    init(_ vendor: VendorAlgorithm) {
        self.vendor = vendor
    }

    var name: String { vendor.name }

    func instance(recordingSteps: Bool) throws -> AlgorithmInstance {
        let emulated = try EmulatedFlashAlgorithm(vendor)
        guard recordingSteps else { return AlgorithmInstance(algorithm: emulated) }
        let log = StepLog(limit: 200_000)
        log.attach(to: emulated.emulator)
        return AlgorithmInstance(algorithm: emulated, recordedSteps: { log.steps })
    }
}
