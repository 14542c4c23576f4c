/// Results as data: the JSON `--json` prints and the journal keeps, addresses as `0x%08X`
/// strings. The keys are part of the command line's interface; change none of them.
extension OperationResult: Encodable {
    private enum Keys: String, CodingKey {
        case kind, status, algorithm, predicted, erased, optionChanges, bytesPreserved, errors, collateral,
            collateralBytes
        case bytesProgrammed, deviceTimeNs, failedCalls, accesses, verifyMismatches, reset
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(succeeded ? "ok" : "error", forKey: .status)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(predicted, forKey: .predicted)
        try container.encode(erased, forKey: .erased)
        try container.encode(optionChanges, forKey: .optionChanges)
        try container.encode(bytesPreserved, forKey: .bytesPreserved)
        try container.encode(errors, forKey: .errors)
        try container.encode(collateral, forKey: .collateral)
        try container.encode(collateralBytes, forKey: .collateralBytes)
        try container.encode(bytesProgrammed, forKey: .bytesProgrammed)
        try container.encode(deviceTime, forKey: .deviceTimeNs)
        try container.encode(failedCalls, forKey: .failedCalls)
        try container.encode(accesses, forKey: .accesses)
        try container.encodeIfPresent(verifyMismatches, forKey: .verifyMismatches)
        try container.encodeIfPresent(reset, forKey: .reset)
    }
}

extension DeviceReset: Encodable {
    private enum Keys: String, CodingKey { case cause, effects, boot }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(cause.rawValue, forKey: .cause)
        try container.encode(effects, forKey: .effects)
        try container.encode(boot, forKey: .boot)
    }
}

extension BootReport: Encodable {
    private enum Keys: String, CodingKey { case address, source, reason, vectorTable }
    private enum VectorKeys: String, CodingKey { case state, initialSP, resetVector, detail }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(hex(selection.address), forKey: .address)
        try container.encode(selection.source.rawValue, forKey: .source)
        try container.encode(selection.reason, forKey: .reason)
        var vectors = container.nestedContainer(keyedBy: VectorKeys.self, forKey: .vectorTable)
        switch self.vectors {
        case .found(let sp, let reset):
            try vectors.encode("found", forKey: .state)
            try vectors.encode(hex(sp), forKey: .initialSP)
            try vectors.encode(hex(reset), forKey: .resetVector)
        case .erased:
            try vectors.encode("erased", forKey: .state)
        case .notModelled(let what):
            try vectors.encode("not-modelled", forKey: .state)
            try vectors.encode(what, forKey: .detail)
        }
    }
}

extension AddressRange: Encodable {
    private enum Keys: String, CodingKey { case from, to }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(hex(from), forKey: .from)
        try container.encode(hex(to), forKey: .to)
    }
}

extension ErasedPage: Encodable {
    private enum Keys: String, CodingKey {
        case region, pageAddress, pageSize, command, pnb, bker, physicalBank, sent, sector, block
    }

    private struct Sent: Encodable {
        var pnb: Int
        var bker: Int
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(region == .ospi ? "ospi" : "flash", forKey: .region)
        try container.encode(hex(pageAddress), forKey: .pageAddress)
        try container.encode(pageSize, forKey: .pageSize)
        try container.encode(command, forKey: .command)
        if region == .ospi {
            try container.encode(pnb, forKey: pageSize == 0x1000 ? .sector : .block)
            return
        }
        try container.encode(pnb, forKey: .pnb)
        try container.encode(bker, forKey: .bker)
        try container.encode(physicalBank, forKey: .physicalBank)
        if let sentPNB, let sentBKER { try container.encode(Sent(pnb: sentPNB, bker: sentBKER), forKey: .sent) }
    }
}

extension OperationError: Encodable {
    private enum Keys: String, CodingKey { case flag, address, explanation }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(flag, forKey: .flag)
        try container.encode(hex(address), forKey: .address)
        try container.encode(explanation, forKey: .explanation)
    }
}

extension OptionChange: Encodable {
    private enum Keys: String, CodingKey { case field, before, after, staged }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(field, forKey: .field)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
        try container.encode(staged, forKey: .staged)
    }
}

extension FlashLocation: Encodable {
    private enum Keys: String, CodingKey {
        case address, region, alias, bank, physicalBank, pnb, bker, pageSize, pageAddress
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(hex(address), forKey: .address)
        try container.encode("flash", forKey: .region)
        try container.encode(alias.rawValue, forKey: .alias)
        try container.encode(bank, forKey: .bank)
        try container.encode(physicalBank, forKey: .physicalBank)
        try container.encode(pnb, forKey: .pnb)
        try container.encode(bker, forKey: .bker)
        try container.encode(pageSize, forKey: .pageSize)
        try container.encode(hex(pageAddress), forKey: .pageAddress)
    }
}
