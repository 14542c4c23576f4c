import FlashCore
import GDBRemote

/// gdb's `load`: vFlashErase and vFlashWrite are collected, vFlashDone runs them through the
/// engine as one operation, journaled and kept for `monitor result` (debug-port.md §7). gdb
/// takes console output (`O`) only in answer to monitor commands and while the target runs, so
/// what a load has to say waits for the next of those (and goes to the log at once).
extension GDBSession {
    func flashErase(_ address: UInt32, _ length: UInt32) {
        if let refusal = load.erase(address: address, length: length, map: map) {
            log("gdb client \(peer): \(refusal)")
            later("flashscope: \(refusal)\n")
            return send("E03")
        }
        send("OK")
    }

    func flashWrite(_ address: UInt32, _ bytes: [UInt8]) {
        if let refusal = load.write(address: address, bytes: bytes, map: map) {
            log("gdb client \(peer): \(refusal)")
            return send("E03")
        }
        send("OK")
    }

    func flashDone() {
        saveWaitingRecord()
        let pending = load
        load = GDBFlashLoad()
        guard !pending.isEmpty else { return send("OK") }
        for note in pending.notes { later("flashscope: \(note)\n") }
        for block in pending.unerasedBlocks(map: map) {
            // gdb 13 rounds the load's end itself and skips a block whose first byte is the last one written.
            later(
                "flashscope: gdb wrote to the block at \(hex(block)) without erasing it (gdb 13 leaves out the "
                    + "block holding only the load's last byte); the engine erases every block it programs, so "
                    + "it erased that one too\n")
        }
        let machine = target.machine
        let engine = FlashEngine(machine: machine)
        let result: OperationResult
        do {
            try journal.save()
            let builtIn = try InternalFlashAlgorithm.named(algorithm, assumptions: machine.controller.assumptions)
            let chosen = try vendor.flatMap { try $0(pending.firstAddress ?? FlashLayout.nonSecureBase) } ?? builtIn
            let start = ContinuousClock.now
            result = try pending.run(on: engine, algorithm: chosen)
            loadTimings.ranEngine(in: ContinuousClock.now - start)
        } catch {
            log("gdb client \(peer): load refused: \(error)")
            later("flashscope: load refused: \(error)\n")
            return send("E05")
        }
        log("gdb client \(peer): \(loadTimings.summary)")
        loadTimings = GDBLoadTimings()
        recordAfterReply(result, command: "gdb load")
        target.followSystemResets()
        log("gdb client \(peer): load: \(result.summary)")
        if result.succeeded {
            later("flashscope: \(result.summary) with \(result.algorithm)\n")
            send("OK")
        } else {
            // gdb prints "Error finishing flash operation"; the next monitor command prints why.
            later(ResultText.render(result) + "\n")
            send("E05")
        }
    }
}
