import FlashCore
import TerminalKit

/// Everything that can happen to the app: input, and the answers to effects.
package enum AppMsg: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// The device as the store now holds it, and why it was read.
    case deviceReloaded(DeviceState, reason: ReloadReason)
    /// An effect failed; the text says what and why.
    case effectFailed(String)
    /// Entries of the directory named by a prompt's text, for completion (directories end in "/").
    case directoryListed(prefix: String, entries: [String])
    /// The file the `P` prompt named exists as `path` (`~` expanded); binary files need an address.
    case fileInspected(path: String, isBinary: Bool)
    /// The file the `P` prompt named cannot be read: the prompt opens again saying why.
    case fileRejected(typed: String, reason: String)
    case imageLoaded(path: String, image: MemoryImage)
    /// A `w` save wrote `bytes` bytes to `path` (`~` expanded) as `format` (binary, Intel HEX, S-record).
    case fileSaved(path: String, bytes: Int, format: String)
    /// A `w` save wrote nothing: the file prompt opens again saying why; `exists` when only the
    /// file being there stopped it (Enter on the same name then replaces it).
    case fileNotSaved(typed: String, reason: String, exists: Bool)
    /// The device's history, one line an operation, oldest first.
    case historyLoaded([String])
    /// A running operation got this far (sectors done of all); any source posting to the runner's
    /// mailbox can send it, keyed by the id the operation was started with.
    case operationProgress(id: Int, done: Int, total: Int)
    /// The operation `id` ended: it finished, failed or was cancelled.
    case operationFinished(id: Int, OperationOutcome)
    /// The comparison `id` (`v` or `d`) ended; its progress came as `operationProgress`.
    case comparisonFinished(id: Int, ComparisonOutcome)
    /// The chip the UI serves to a debug client changed, or a client came or went.
    case served(ServedEvent)
    /// The attached board's reader read something, lost the board, or finished a live operation.
    case attached(AttachedEvent)
}

/// Why the device was read back from the store.
package enum ReloadReason: Sendable, Equatable {
    /// Another process changed the file.
    case external
    /// Undo restored these operations (ids); `what` says what each was (its command and summary).
    case undone([Int64], what: [String] = [])
    /// Redo applied this operation again.
    case redone(Int64, what: String)
    /// A save failed, so the screen goes back to what the file holds.
    case saveFailed
}

/// Work for the runner: everything that touches files. Data, so tests can inspect it.
package enum AppEffect: Sendable, Equatable {
    /// Save the operation's result and journal it with its before-state.
    case save(OperationCommit)
    /// Undo the last operation through the store, then send `deviceReloaded`.
    case undo
    /// Redo the operation undone last through the store, then send `deviceReloaded`.
    case redo
    /// List the directory part of `prefix` and send `directoryListed`.
    case listDirectory(prefix: String)
    /// Read the device's history and send `historyLoaded`.
    case loadHistory
    /// Check the file the `P` prompt named and send `fileInspected` or `fileRejected`.
    case inspectFile(path: String)
    /// Read a file as a memory image (a binary file goes at `address`) and send `imageLoaded`.
    case loadImage(path: String, address: UInt32)
    /// Write `image` to the file `path` names (its extension picks the format), replacing one that is
    /// there only when `replacing`; answer `fileSaved` or `fileNotSaved`.
    case saveFile(path: String, image: MemoryImage, replacing: Bool)
    /// Run the job off the update loop; it answers with `operationProgress` and `operationFinished`.
    case startOperation(OperationJob)
    /// Compare the loaded file with the flash off the update loop; it answers with
    /// `operationProgress` and `comparisonFinished`.
    case startComparison(ComparisonJob)
    /// Ask the running job to stop; it answers `operationFinished` (or `comparisonFinished`) with `.cancelled`.
    case cancelOperation(id: Int)
    /// Hold a served client at each flash-controller access, or let it run.
    case holdClient(Bool)
    /// Let a held client make its access.
    case releaseClient
    /// Ask the attached board's reader to read this range before the rest.
    case readFirst(AddressRange)
    /// Ask the attached board's reader to read the option registers and everything again.
    case refreshBoard(first: AddressRange?)
    /// Run a confirmed operation on the attached chip (`--live`).
    case runLive(DeviceOperation)
    case quit
}

/// One finished operation, ready for the journal.
package struct OperationCommit: Sendable, Equatable {
    package var result: OperationResult
    /// For the history: `flashscope tui: erase 0x08000800`.
    package var command: String
    package var before: DeviceState
    package var after: DeviceState
    package var trace: [RenderedTraceEntry]

    /// The 2 KB chunks whose bytes differ, so the store rewrites only those.
    package var changedChunks: Set<Int> {
        let size = FlashArray.chunkSize
        var chunks = Set<Int>()
        let count = min(before.flash.count, after.flash.count)
        var offset = 0
        while offset < count {
            let end = min(offset + size, count)
            if before.flash[offset..<end] != after.flash[offset..<end] { chunks.insert(offset / size) }
            offset = end
        }
        return chunks
    }

    /// What the store must rewrite: the changed chunks, and the OCTOSPI sectors the operation loaded or erased
    /// (untouched sectors are still in the file, so they need no comparison).
    package var changes: DeviceChanges {
        var sectors = Set<UInt32>()
        if let old = before.ospi, let new = after.ospi {
            let candidates = Set(new.sectors.keys).union(old.offsets.subtracting(new.offsets))
            for offset in candidates where old.sector(at: offset) != new.sector(at: offset) { sectors.insert(offset) }
        }
        return DeviceChanges(flashChunks: changedChunks, ospiSectors: sectors, otp: before.otp != after.otp)
    }
}
