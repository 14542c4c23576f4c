import FlashCore
import TerminalKit

/// What the runner does outside the app for it: the device store and the file system. The
/// front end provides it (`flashscope tui` over a `DeviceStore`); tests provide one in memory.
package protocol AppEnvironment {
    /// Saves a finished operation; the answer says what went wrong, if anything did.
    func save(_ commit: OperationCommit) -> [AppMsg]
    /// Undoes the last operation and answers with the device as it now is.
    func undo() -> [AppMsg]
    /// Redoes the operation undone last and answers with the device as it now is.
    func redo() -> [AppMsg]
    /// Answers `directoryListed` for the directory part of `prefix`.
    func listDirectory(prefix: String) -> [AppMsg]
    /// Answers `fileInspected` with the path as it will be read (`~` expanded) and whether the file
    /// is raw binary (which needs an address), or `fileRejected` when it cannot be read.
    func inspectFile(path: String) -> [AppMsg]
    /// Answers `imageLoaded` (a binary file goes at `address`) or `effectFailed`.
    func loadImage(path: String, address: UInt32) -> [AppMsg]
    /// Writes a range `w` saved; answers `fileSaved` or `fileNotSaved`.
    func saveFile(path: String, image: MemoryImage, replacing: Bool) -> [AppMsg]
    /// Answers `historyLoaded` with the device's journal, one line an operation.
    func history() -> [AppMsg]
    /// Asked a few times a second: the device as another process left it, when it changed.
    func externalChange() -> DeviceState?
}
