import Attach
import FlashCore
import Foundation
import GDBRemote

/// One connection of `attach` to a GDB server: the halting policy, the chip's identity, its
/// snapshot, and the words and statuses its failures get.
final class AttachSession {
    let address: ServerAddress
    let client: GDBClient
    private let channel: TCPChannel
    let identity: ChipIdentity
    /// What `?` answered on connecting.
    let stopState: StopState
    /// Whether this session halted the core (it then stays halted until the server resumes it on detach).
    private(set) var haltedByUs = false
    private let json: Bool

    init(_ address: ServerAddress, _ options: AttachOptions, json: Bool) throws {
        self.address = address
        self.json = json
        do {
            (client, channel) = try address.connect(timeout: options.timeout)
        } catch {
            throw Self.failure(address, error)
        }
        do {
            stopState = try client.stopState()
            if options.reset { _ = try client.monitor("reset halt") }
            var identity = try Self.identify(address, client)
            if options.halt && !identity.halted {
                _ = try client.interrupt()
                haltedByUs = true
                identity = try Self.identify(address, client)
            }
            self.identity = identity
        } catch let error as ClientError {
            channel.close()
            throw Self.failure(address, error)
        } catch {
            channel.close()
            throw error
        }
    }

    private static func identify(_ address: ServerAddress, _ client: GDBClient) throws -> ChipIdentity {
        do { return try ChipIdentity.read(client) } catch { throw failure(address, error) }
    }

    /// Reads the board, with a progress line on a terminal.
    func snapshot(part: Part?, octoSPILength: Int?) throws -> BoardSnapshot {
        let terminal = !json && ProgressLine.isTerminal
        defer { if terminal { ProgressLine.clear() } }
        do {
            return try BoardSnapshot.read(
                client, identity: identity, part: part, octoSPILength: octoSPILength ?? Int(MX25LM51245G.geometry.size)
            ) { done, total in
                guard terminal, done % (64 * 1024) == 0 || done == total else { return }
                FileHandle.standardError.write(Data("\r  reading \(done / 1024)/\(total / 1024) KiB".utf8))
            }
        } catch {
            throw Self.failure(address, error)
        }
    }

    /// The board's part (the one chosen, else what its answers tell) and whether its OCTOSPI window answered.
    func part(chosen: Part?) throws -> (Part, octoSPIAnswers: Bool) {
        do { return try BoardSnapshot.part(client, identity: identity, chosen: chosen) } catch {
            throw Self.failure(address, error)
        }
    }

    /// Detaches (`D`), then closes; a server already gone is no error here.
    func close() {
        try? client.detach()
        channel.close()
    }

    // MARK: Words

    var identityLines: [String] {
        let core: String
        switch (identity.halted, haltedByUs) {
        case (true, true): core = "halted (by --halt)"
        case (true, false): core = "halted"
        default: core = "running (read while it runs; --halt stops it first)"
        }
        return [
            "attached  \(address): STM32L5, DBGMCU_IDCODE \(hex(identity.idcode)) (DEV_ID 0x472, REV_ID "
                + "0x\(String(identity.revision, radix: 16, uppercase: true)))",
            "flash     \(identity.flashSizeKiB) KiB (FLASH_SIZE)",
            "core      \(core)",
            "readout   RDP \(identity.readout) (OPTR \(hex(identity.options[.optr])))",
        ]
    }

    func describe(_ snapshot: BoardSnapshot) -> [String] {
        let part = snapshot.state.part
        let ospi =
            snapshot.octoSPIAnswered
            ? "the OCTOSPI window at 0x90000000 answered" : "the OCTOSPI window at 0x90000000 did not answer"
        var lines = identityLines
        lines.append("part      \(part.name) (\(identity.flashSizeKiB) KiB; \(ospi))")
        lines.append(
            "read      \(part.flashSize / 1024) KiB of flash, \(SystemArea.otpSize) bytes of OTP, UID \(snapshot.state.uid)"
                + (snapshot.octoSPIRead > 0 ? ", \(snapshot.octoSPIRead / 1024) KiB of OCTOSPI flash" : ""))
        for range in snapshot.unreadable { lines.append("unread    \(hex(range.from))–\(hex(range.to)) (refused)") }
        return lines
    }

    func json(_ snapshot: BoardSnapshot) -> [String: Any] {
        [
            "server": address.description, "idcode": hex(identity.idcode), "flashSizeKiB": Int(identity.flashSizeKiB),
            "part": snapshot.state.part.name, "halted": identity.halted, "haltedByAttach": haltedByUs,
            "readout": "\(identity.readout)", "options": JSONOutput.options(identity.options),
            "uid": snapshot.state.uid.description, "unreadable": snapshot.unreadable.map(JSONOutput.range),
            "octospi": ["answered": snapshot.octoSPIAnswered, "bytesRead": snapshot.octoSPIRead] as [String: Any],
        ]
    }

    static func unreadableText(_ snapshot: BoardSnapshot) -> String {
        let bytes = snapshot.unreadable.reduce(UInt64(0)) { $0 + $1.count }
        let why =
            snapshot.identity.readout == .level0 ? "the server refused them" : "RDP \(snapshot.identity.readout)"
        return "\(bytes) bytes could not be read (\(why)), the first at \(hex(snapshot.unreadable[0].from))"
    }

    // MARK: Failures

    static func failure(_ address: ServerAddress, _ error: ClientError) -> CommandFailure {
        let status: Int32
        switch error {
        case .nonsense, .serverError, .unsupported: status = ExitStatus.badInput
        case .timedOut, .closed, .connect: status = ExitStatus.unavailable
        }
        return CommandFailure("attach: \(address): \(error)", status: status)
    }

    static func failure(_ address: ServerAddress, _ error: AttachError) -> CommandFailure {
        switch error {
        case .connection(let error): return failure(address, error)
        case .partMismatch: return CommandFailure("attach: \(error)", status: ExitStatus.usage)
        case .notL5, .unknownFlashSize, .unreadable:
            return CommandFailure("attach: \(error)", status: ExitStatus.badInput)
        }
    }
}
