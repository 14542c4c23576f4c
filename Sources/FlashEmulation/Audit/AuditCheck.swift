import FlashCore

/// One configuration of an audit: runs a request with the vendor algorithm and with
/// bank-aware on two identical scratch devices and turns the differences into findings.
struct AuditCheck {
    let vendor: VendorAlgorithm
    let configuration: AuditConfiguration
    /// Every byte programmed, none 0xFF, so erasures show.
    let pattern: [UInt8]

    init(vendor: VendorAlgorithm, configuration: AuditConfiguration) {
        self.vendor = vendor
        self.configuration = configuration
        pattern = (0..<Int(configuration.part.flashSize)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) & 0x7F }
    }

    private func freshEngine() -> FlashEngine {
        FlashEngine(machine: Machine(state: configuration.state(filledWith: pattern), tracing: false))
    }

    func erase(_ sector: DeclaredSector) throws(EmulatorSetupError) -> [AuditFinding] {
        let emulated = try EmulatedFlashAlgorithm(vendor)
        let actual = freshEngine()
        let model = freshEngine()
        guard let did = try? actual.erase(from: sector.start, length: sector.size, using: emulated),
            let expected = try? model.erase(from: FlashLayout.nonSecureTwin(sector.start), length: sector.size)
        else { return [] }
        let declared = AddressRange(
            from: FlashLayout.nonSecureTwin(sector.start), to: FlashLayout.nonSecureTwin(sector.start) + sector.size - 1
        )
        let comparison = Comparison(before: pattern, actual: actual, model: model)
        let call = "EraseSector(\(hex(sector.start)))"
        var findings = outcomeFindings(call, sector.start, did: did, expected: expected)
        let outside = comparison.changed { !declared.contains($0) }
        let modelPages = pages(expected)
        if !outside.isEmpty {
            findings.append(
                finding(
                    .erasedOutsideSector, call, sector.start,
                    did:
                        "erased \(describe(outside)) outside the declared \(size(sector.size)) sector \(describe([declared])); pages erased: \(pages(did))",
                    expected: "for this sector bank-aware erases \(modelPages)" + pageNote(sector, expected),
                    outside))
        }
        let notErased = comparison.notEqual(to: vendor.erasedByte, in: declared)
        if !notErased.isEmpty {
            findings.append(
                finding(
                    .sectorNotErased, call, sector.start,
                    did: "left \(describe(notErased)) of the declared sector unerased; pages erased: \(pages(did))",
                    expected: "the whole sector erased (bank-aware erases \(modelPages))", notErased))
        }
        if outside.isEmpty && notErased.isEmpty {
            let differing = comparison.differences()
            if !differing.isEmpty {
                findings.append(
                    finding(
                        .differsFromModel, call, sector.start, did: "flash differs at \(describe(differing))",
                        expected: "as bank-aware leaves it", differing))
            }
        }
        return findings
    }

    func program(_ sector: DeclaredSector) throws(EmulatorSetupError) -> [AuditFinding] {
        let emulated = try EmulatedFlashAlgorithm(vendor)
        let data = (0..<Int(sector.size)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 0x40) & 0xBF }
        let actual = freshEngine()
        let model = freshEngine()
        guard let did = try? actual.program(image(at: sector.start, data), using: emulated),
            let expected = try? model.program(image(at: FlashLayout.nonSecureTwin(sector.start), data))
        else { return [] }
        let image = AddressRange(
            from: FlashLayout.nonSecureTwin(sector.start), to: FlashLayout.nonSecureTwin(sector.start) + sector.size - 1
        )
        let call = "program \(hex(sector.start))+\(sector.size)"
        var findings = outcomeFindings(call, sector.start, did: did, expected: expected)
        let comparison = Comparison(before: pattern, actual: actual, model: model)
        let inside = comparison.differences { image.contains($0) }
        let outside = comparison.differences { !image.contains($0) }
        if !inside.isEmpty || !outside.isEmpty {
            var what: [String] = []
            if !inside.isEmpty { what.append("\(describe(inside)) of the image not as written") }
            if !outside.isEmpty {
                what.append(
                    "\(describe(outside)) outside the image lost (preserve read \(size(sector.size)), the erase wiped more)"
                )
            }
            findings.append(
                finding(
                    .programDiffers, call, sector.start, did: what.joined(separator: "; "),
                    expected: "bank-aware writes the image and keeps every other byte", inside + outside))
        }
        return findings
    }

    func chipErase() throws(EmulatorSetupError) -> [AuditFinding] {
        guard vendor.eraseChipOffset != nil else { return [] }
        let emulated = try EmulatedFlashAlgorithm(vendor)
        let actual = freshEngine()
        let model = freshEngine()
        let did = actual.eraseChip(using: emulated)
        let expected = model.massErase()
        var findings = outcomeFindings("EraseChip", vendor.start, did: did, expected: expected)
        let differing = Comparison(before: pattern, actual: actual, model: model).differences()
        if !differing.isEmpty {
            findings.append(
                finding(
                    .differsFromModel, "EraseChip", vendor.start, did: "flash differs at \(describe(differing))",
                    expected: "every byte erased, as bank-aware's MER1|MER2 leaves it", differing))
        }
        return findings
    }

    private func image(at address: UInt32, _ bytes: [UInt8]) -> MemoryImage {
        (try? MemoryImage(segments: [.init(address: address, bytes: bytes)])) ?? MemoryImage()
    }

    // MARK: Findings

    /// Error flags and failed calls that the algorithm provoked and bank-aware did not.
    private func outcomeFindings(_ call: String, _ address: UInt32, did: OperationResult, expected: OperationResult)
        -> [AuditFinding]
    {
        var findings: [AuditFinding] = []
        let extra = did.errors.filter { error in
            !expected.errors.contains { $0.flag == error.flag && $0.address == error.address }
        }
        // One finding per flag: a page program raises the same flag on every double word.
        var flags: [String] = []
        for error in extra where !flags.contains(error.flag) { flags.append(error.flag) }
        for flag in flags {
            let raised = extra.filter { $0.flag == flag }
            guard let first = raised.first, let last = raised.last else { continue }
            let where_ =
                raised.count == 1
                ? "at \(hex(first.address))" : "\(raised.count) times, \(hex(first.address))–\(hex(last.address))"
            findings.append(
                finding(
                    .errorFlag, call, first.address, did: "\(flag) \(where_): \(first.explanation)",
                    expected: expected.errors.isEmpty
                        ? "no error flag" : expected.errors.map(\.flag).joined(separator: ", "), []))
        }
        for failure in did.failedCalls where expected.failedCalls.isEmpty {
            findings.append(finding(.callFailed, call, address, did: failure, expected: "every call returns 0", []))
        }
        if did.failedCalls.isEmpty, let first = extra.first {
            findings.append(
                finding(
                    .silentError, call, first.address,
                    did:
                        "every call returned 0, yet the controller raised \(flags.joined(separator: ", ")), which the "
                        + "algorithm never reported: a tool trusting its return codes says this worked",
                    expected: "a call that provokes an error flag returns non-zero", []))
        }
        return findings
    }

    // MARK: Protection (reference §8)

    /// Init and one erase with the control registers already unlocked (by the application, or a
    /// tool that did not lock them again): writing the keys then is a wrong sequence.
    func initWhileUnlocked() throws(EmulatorSetupError) -> [AuditFinding] {
        guard let sector = vendor.sector(containing: vendor.start) else { return [] }
        let emulated = try EmulatedFlashAlgorithm(vendor)
        let engine = freshEngine()
        let machine = engine.machine
        let keyRegisters = configuration.tzen ? ["NSKEYR", "SECKEYR"] : ["NSKEYR"]
        for name in keyRegisters {
            guard let address = machine.peekRegister(named: name)?.address else { continue }
            machine.bus.write(address, Machine.flashKeys.0)
            machine.bus.write(address, Machine.flashKeys.1)
        }
        let did = try? engine.erase(from: sector.start, length: sector.size, using: emulated)
        let rejected = machine.controller.events.compactMap { event -> String? in
            if case .keySequenceRejected(let register, true) = event { return register }
            return nil
        }
        guard let register = rejected.first else { return [] }
        let control = register == "SECKEYR" ? "SECCR" : "NSCR"
        var what =
            "with \(control) already unlocked, wrote the key sequence to \(register) again: a wrong sequence, so a "
            + "bus fault and \(control) locked until reset"
        if let failure = did?.failedCalls.first { what += " (\(failure))" }
        return [
            finding(
                .unlocksTwice, "Init, EraseSector(\(hex(sector.start))) with \(control) unlocked", sector.start,
                did: what,
                expected: "read LOCK first and write the keys only while it is set (OpenOCD's stm32l4_unlock_reg, "
                    + "the HAL); bank-aware does, and erases the sector", [])
        ]
    }

    /// An erase and a program of the first sector at RDP level 1 (this configuration's RDP):
    /// the user flash answers code in SRAM with bus errors, so every such call must fail and the
    /// flash stay as it was. Returns the findings and, when there is none, a note saying how it failed.
    func underReadoutProtection() throws(EmulatorSetupError) -> (findings: [AuditFinding], note: String?) {
        guard let sector = vendor.sector(containing: vendor.start) else { return ([], nil) }
        var findings: [AuditFinding] = []
        var failures: [String] = []
        let data = [UInt8](repeating: 0x42, count: Int(min(sector.size, vendor.pageSize)))
        let requests: [(String, (FlashEngine, EmulatedFlashAlgorithm) -> OperationResult?)] = [
            (
                "EraseSector(\(hex(sector.start)))",
                { try? $0.erase(from: sector.start, length: sector.size, using: $1) }
            ),
            (
                "program \(hex(sector.start))+\(data.count)",
                { try? $0.program(image(at: sector.start, data), using: $1) }
            ),
        ]
        for (call, request) in requests {
            let engine = freshEngine()
            guard let did = request(engine, try EmulatedFlashAlgorithm(vendor)) else { continue }
            let changed = Comparison(before: pattern, actual: engine, model: engine).changed { _ in true }
            if did.failedCalls.isEmpty || !changed.isEmpty {
                findings.append(
                    finding(
                        .readoutProtection, call, sector.start,
                        did: did.failedCalls.isEmpty
                            ? "every call returned 0 though the user flash refuses code in SRAM at RDP level 1"
                            : "the flash changed at \(describe(changed)) at RDP level 1",
                        expected: "a bus fault (the silicon's answer at level 1) and the call failing", changed))
            } else if let failure = did.failedCalls.first {
                failures.append(failure)
            }
        }
        guard findings.isEmpty, let first = failures.first else { return (findings, nil) }
        return (
            findings,
            "\(configuration): \(first), as the silicon answers code in SRAM at level 1 (a debugger, bank-aware, "
                + "is refused the same way); regress to level 0 first: `ob set RDP=0xAA --launch` mass-erases"
        )
    }

    private func finding(
        _ kind: AuditFinding.Kind, _ call: String, _ address: UInt32, did: String, expected: String,
        _ evidence: [AddressRange]
    ) -> AuditFinding {
        AuditFinding(
            configuration: configuration, call: call, address: address, kind: kind, did: did, expected: expected,
            bytesAtRisk: evidence.reduce(0) { $0 + $1.count }, evidence: evidence)
    }

    private func pages(_ result: OperationResult) -> String {
        if result.erased.isEmpty { return "none" }
        return result.erased.map { "\(hex($0.pageAddress))+\(size($0.pageSize)) (PNB \($0.pnb), BKER \($0.bker))" }
            .joined(separator: ", ")
    }

    /// Why the model's page differs from the declared sector, when it does.
    private func pageNote(_ sector: DeclaredSector, _ expected: OperationResult) -> String {
        guard let page = expected.erased.first, page.pageSize != sector.size else { return "" }
        return ": the hardware page is \(size(page.pageSize)) here, the declared sector \(size(sector.size))"
    }

    private func describe(_ ranges: [AddressRange]) -> String {
        let shown = ranges.prefix(3).map { "\(hex($0.from))–\(hex($0.to))" }.joined(separator: ", ")
        let total = ranges.reduce(0) { $0 + $1.count }
        return shown + (ranges.count > 3 ? " and \(ranges.count - 3) more ranges" : "") + " (\(total) bytes)"
    }

    private func size(_ bytes: UInt32) -> String { bytes % 1024 == 0 ? "\(bytes / 1024) KiB" : "\(bytes) B" }
}

extension AddressRange {
    func contains(_ address: UInt32) -> Bool { from <= address && address <= to }
}
