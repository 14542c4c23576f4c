import FlashCore
import TerminalKit

/// Where an address lands now and after OBL_LAUNCH, and what each algorithm would
/// send for it and actually erase: the page-index panel's contents.
package struct PageIndexReport: Equatable, Sendable {
    /// What one algorithm does with the address under one set of option bytes.
    package struct AlgorithmOutcome: Equatable, Sendable {
        package var name: String
        /// PNB and BKER written to NSCR with PER, or nil when it never got that far.
        package var pnb: Int?
        package var bker: Int?
        /// The pages the controller erased (first address, size).
        package var erased: [AddressRange]
        /// Error flags raised or entry points that failed.
        package var errors: [String]
        /// True when what was erased is not the page holding the address.
        package var missesAddress: Bool
    }

    /// One column: the effective option bytes (now) or the pending ones (after launch).
    package struct Column: Equatable, Sendable {
        package var dualBank: Bool
        package var swapBank: Bool
        package var location: FlashLocation?
        /// What TrustZone makes of the page, and so which registers an erase must use.
        package var security: PageSecurity?
        package var whyNotInFlash: String?
        package var algorithms: [AlgorithmOutcome]
    }

    package var address: UInt32
    package var now: Column
    package var afterLaunch: Column
    /// Whether launching would change anything about this address.
    package var launchChangesLayout: Bool
    /// The state the report was made from, so it is remade only when needed.
    let key: Key

    /// The outcomes depend on the page, not the byte: every algorithm's erase unit is a whole
    /// number of 2 KiB blocks, so the report is keyed by the block and remade only when the
    /// cursor leaves it (or the options change); inside it only the locations move.
    struct Key: Equatable, Sendable {
        var block: UInt32
        var effective: OptionBytes
        var pending: OptionBytes
        var assumptions: ModelAssumptions
    }

    static let blockSize: UInt32 = 2048

    static func key(for machine: Machine, address: UInt32) -> Key {
        Key(
            block: address & ~(blockSize - 1), effective: machine.controller.effective,
            pending: machine.controller.pending, assumptions: machine.controller.assumptions)
    }

    /// The same report for another address of its block: only the locations are worked out again.
    mutating func move(to address: UInt32, machine: Machine) {
        self.address = address
        for pending in [false, true] {
            let options = pending ? machine.controller.pending : machine.controller.effective
            let layout = FlashLayout(part: machine.part, options: options, assumptions: machine.controller.assumptions)
            let location = try? layout.locate(address)
            let security = Self.security(machine, location, layout: layout, pending: pending)
            if pending {
                afterLaunch.location = location
                afterLaunch.security = security
            } else {
                now.location = location
                now.security = security
            }
        }
        launchChangesLayout = now.location != afterLaunch.location
    }

    /// Runs each algorithm's erase of `address` on scratch copies (now, and after a launch).
    package init(machine: Machine, address: UInt32) {
        self.address = address
        key = Self.key(for: machine, address: address)
        now = Self.column(machine, address: address, pending: false)
        afterLaunch = Self.column(machine, address: address, pending: true)
        launchChangesLayout = now.location != afterLaunch.location
    }

    private static func column(_ machine: Machine, address: UInt32, pending: Bool) -> Column {
        let options = pending ? machine.controller.pending : machine.controller.effective
        let layout = FlashLayout(part: machine.part, options: options, assumptions: machine.controller.assumptions)
        var location: FlashLocation?
        var why: String?
        do { location = try layout.locate(address) } catch { why = error.reason }
        let algorithms = FlashEngine.algorithmNames.map { name in
            outcome(machine, address: address, algorithm: name, pending: pending, location: location)
        }
        return Column(
            dualBank: layout.dualBank, swapBank: layout.swapped, location: location,
            security: security(machine, location, layout: layout, pending: pending),
            whyNotInFlash: why, algorithms: algorithms)
    }

    /// Now: the page's security with the registers as they are. After OBL_LAUNCH (a reset):
    /// the pending option bytes, with SECBBxRy and HDPx_ACCDIS back at zero.
    private static func security(_ machine: Machine, _ location: FlashLocation?, layout: FlashLayout, pending: Bool)
        -> PageSecurity?
    {
        guard let location, let page = layout.page(physicalBank: location.physicalBank, pnb: location.pnb) else {
            return nil
        }
        guard pending else { return machine.controller.security(of: page) }
        return PageSecurity.of(
            page, options: machine.controller.pending, layout: layout,
            blockSecurity: [UInt32](repeating: 0, count: 8), hideControl: 0)
    }

    private static func outcome(
        _ machine: Machine, address: UInt32, algorithm: String, pending: Bool,
        location: FlashLocation?
    ) -> AlgorithmOutcome {
        let scratch = machine.scratchCopy()
        let engine = FlashEngine(machine: scratch)
        if pending { _ = engine.launchOptions() }
        let start = scratch.trace.count
        var outcome = AlgorithmOutcome(name: algorithm, erased: [], errors: [], missesAddress: false)
        let result: OperationResult
        do {
            result = try engine.erase(
                from: address,
                using: InternalFlashAlgorithm.named(algorithm, assumptions: scratch.controller.assumptions))
        } catch {
            outcome.errors = ["\(error)"]
            return outcome
        }
        // What the algorithm sent: the NSCR (or SECCR) write that set PER.
        let control = ["NSCR", "SECCR"].compactMap { scratch.peekRegister(named: $0)?.address }
        if let command = scratch.trace.entries.dropFirst(start).first(where: {
            $0.access == .write && control.contains($0.address) && $0.value & ControlField.per.mask != 0
        }) {
            outcome.pnb = Int(ControlField.pnb.value(in: command.value))
            outcome.bker = Int(ControlField.bker.value(in: command.value))
        }
        outcome.erased = result.erased.map { AddressRange(from: $0.pageAddress, to: $0.pageAddress + $0.pageSize - 1) }
        outcome.errors = result.errors.map(\.flag) + result.failedCalls
        let wanted = FlashLayout.nonSecureTwin(address)
        outcome.missesAddress = location == nil || !outcome.erased.contains { $0.from <= wanted && wanted <= $0.to }
        return outcome
    }
}
