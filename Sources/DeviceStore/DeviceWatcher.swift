import Foundation
import GRDB

/// Tells a process that holds a device open (the terminal UI) that another process changed it.
///
/// It keeps its own read-only connection and polls `PRAGMA data_version`, which SQLite
/// changes whenever another connection commits; a poll is a few microseconds.
package final class DeviceWatcher {
    private let queue: DatabaseQueue
    private var lastVersion: Int

    package init(path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            lastVersion = try queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw .cannotOpen(path: path, reason: DeviceStore.describe(error))
        }
    }

    /// True once after each change made by another connection or process.
    package func hasChanged() -> Bool {
        guard let version = try? queue.read({ try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }) else {
            return false
        }
        defer { lastVersion = version }
        return version != lastVersion
    }
}
