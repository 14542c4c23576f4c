import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Drives a program in a detached tmux session on a private server: send keys,
/// read the screen. Waits poll the screen with a deadline instead of sleeping.
struct Tmux {
    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let screen: String
        var description: String { "timed out waiting for \(waitingFor); the screen was:\n\(screen)" }
    }

    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    static var isAvailable: Bool { executable != nil }

    let socket = "flashscope-test-\(UUID().uuidString.prefix(8))"
    let session = "fs"

    /// Starts `command` (run by the shell) in a `width`x`height` session.
    init(command: String, width: Int = 160, height: Int = 50) throws {
        try run(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", session, command])
    }

    /// Runs one tmux command and returns what it printed.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: `new-session -d` forks the
    /// server as it exits, and Process was seen never to notice that exit.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let tool = Self.executable ?? "/usr/bin/tmux"
        let argv = ([tool, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // The test runner's threads block signals; the tmux server (and so the program in
        // the pane) would inherit that mask and never see SIGWINCH. Start it with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawn(&pid, tool, &actions, &attributes, argv, envp)
        guard status == 0 else { throw SpawnError(code: status) }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    struct SpawnError: Error {
        let code: Int32
    }

    /// Sends tmux key names (`Enter`, `Tab`, `C-u`) or single characters.
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// Polls the screen until `predicate` holds; returns that screen.
    @discardableResult
    func wait(for description: String, timeout: Duration = .seconds(15), _ predicate: (String) -> Bool) throws -> String
    {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while clock.now < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Timeout(waitingFor: description, screen: last)
    }

    @discardableResult
    func wait(for text: String, timeout: Duration = .seconds(15)) throws -> String {
        try wait(for: "\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    func size() throws -> String {
        try run(["display-message", "-p", "-t", session, "#{window_width}x#{window_height}"])
    }

    func kill() {
        _ = try? run(["kill-server"])
    }
}
