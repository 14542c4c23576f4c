import FlashCore
import TerminalKit

/// What the runner does outside the app for it: the device store and the file system. The
/// front end provides it (`flashscope tui` over a `DeviceStore`); tests provide one in memory.
package protocol AppEnvironment {
    /// Saves a finished operation; the answer says what went wrong, if anything did.
    func save(_ commit: OperationCommit) -> [AppMsg]
    /// Undoes the last operation and answers with the device as it now is.
    func undo() -> [AppMsg]
    /// Answers `directoryListed` for the directory part of `prefix`.
    func listDirectory(prefix: String) -> [AppMsg]
    /// Answers `imageLoaded` (a binary file goes at `address`) or `effectFailed`.
    func loadImage(path: String, address: UInt32) -> [AppMsg]
    /// Asked a few times a second: the device as another process left it, when it changed.
    func externalChange() -> DeviceState?
}
