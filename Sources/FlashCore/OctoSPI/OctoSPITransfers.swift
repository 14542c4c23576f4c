/// Starting and running commands: indirect write/read, automatic polling, ABORT (reference §3.3).
extension OctoSPIController {
    /// IR starts a command without an address, AR one with an address; an indirect write
    /// with a data phase waits for its first DR write instead.
    func phaseRegisterWritten(_ register: OctoSPIRegister) {
        guard enabled, !isBusy else { return }
        let format = commandFormat
        guard register == (format.hasAddress ? .ar : .ir) else { return }
        switch functionalMode {
        case .indirectWrite:
            if !format.hasData { _ = issue(format, data: .none) }
        case .indirectRead:
            startRead(format)
        case .autoPolling:
            polling = true
            runPoll()
        case .memoryMapped:
            break
        }
    }

    var dataLength: Int { Int(min(UInt64(value(.dlr)) + 1, UInt64(Int32.max))) }

    var address: UInt32 { value(.ar) }

    /// TEF when an access reaches past 2^(DEVSIZE+1).
    func beyondDevice(_ format: CommandFormat, address: UInt32, count: Int) -> Bool {
        guard format.hasAddress, UInt64(address) + UInt64(max(count, 1)) > deviceSize else { return false }
        flags |= OctoSPIRegisters.Status.tef
        trace.note(.ospiFlag("TEF: address beyond DEVSIZE"))
        return true
    }

    /// Sends one transaction to the flash and traces it decoded. Sets TCF for indirect commands.
    func issue(_ format: CommandFormat, data: NORData, at address: UInt32? = nil, completes: Bool = true)
        -> NORResponse?
    {
        let address = address ?? self.address
        guard !beyondDevice(format, address: address, count: data.count) else { return nil }
        return send(format.transaction(address: address, data: data), completes: completes)
    }

    func send(_ transaction: NORTransaction, completes: Bool) -> NORResponse {
        let response = flash.execute(transaction)
        commandsIssued += 1
        if trace.isEnabled {
            trace.note(
                .norCommand(
                    NORCommandNote(
                        instruction: transaction.instruction, instructionSize: UInt8(transaction.instructionSize),
                        address: transaction.address, bytes: UInt32(transaction.data.count), outcome: response.outcome))
            )
        }
        if completes { flags |= OctoSPIRegisters.Status.tcf }
        return response
    }

    // MARK: Indirect write

    func pushData(_ value: UInt32, _ size: AccessSize) {
        if !writeActive {
            guard let format = pendingWriteFormat else { return }
            writeExpected = dataLength
            guard !beyondDevice(format, address: address, count: writeExpected) else { return }
            writeActive = true
            writeCount = 0
            writeBuffer.removeAll(keepingCapacity: true)
            writeTransaction = format.transaction(address: address, data: .none)
        }
        let count = min(size.rawValue, writeExpected - writeCount)
        if writeCount + 4 > writeBuffer.count {
            // Grow in steps (DLR may promise far more than ever arrives), then store words in place.
            let step = min(max(256, writeBuffer.count), max(writeExpected - writeBuffer.count, 4))
            writeBuffer.append(contentsOf: repeatElement(0, count: step))
        }
        let position = writeCount
        writeBuffer.withUnsafeMutableBytes { buffer in
            if count == 4 {
                buffer.storeBytes(of: value.littleEndian, toByteOffset: position, as: UInt32.self)
            } else {
                for byte in 0..<count {
                    buffer[position + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte)))
                }
            }
        }
        writeCount += count
        if writeCount == writeExpected { finishWrite(completes: true) }
    }

    /// nCS rises: the flash gets what was clocked out so far.
    func finishWrite(completes: Bool) {
        if var transaction = writeTransaction {
            writeBuffer.removeLast(writeBuffer.count - writeCount)
            transaction.data = .write(writeBuffer)
            _ = send(transaction, completes: completes)
        }
        writeActive = false
        writeTransaction = nil
        writeCount = 0
        writeBuffer.removeAll(keepingCapacity: true)
    }

    // MARK: Indirect read

    func startRead(_ format: CommandFormat) {
        let count = format.hasData ? dataLength : 0
        guard let response = issue(format, data: format.hasData ? .read(count: count) : .none, completes: false) else {
            return
        }
        readBuffer = response.data
        readPosition = 0
        readActive = !readBuffer.isEmpty
        updateReadCompletion()
    }

    /// TCF once the last byte is in the FIFO; BUSY until software has taken it.
    func updateReadCompletion() {
        if readReceived == readBuffer.count { flags |= OctoSPIRegisters.Status.tcf }
        if readPosition >= readBuffer.count { readActive = false }
    }

    func popData(_ size: AccessSize) -> UInt32 {
        guard readActive else { return 0 }
        let count = min(size.rawValue, readBuffer.count - readPosition)
        var value: UInt32 = 0
        for byte in 0..<count { value |= UInt32(readBuffer[readPosition + byte]) << UInt32(8 * byte) }
        readPosition += count
        updateReadCompletion()
        return value
    }

    // MARK: Automatic polling

    /// Runs a poll that has come due; the model never spins, it polls again only when the flash changes.
    func settle() {
        if polling, let due = pollDue, clock.now >= due { runPoll() }
    }

    func runPoll() {
        pollDue = nil
        let format = commandFormat
        guard let response = issue(format, data: format.hasData ? .read(count: dataLength) : .none, completes: false)
        else {
            polling = false
            return
        }
        var received: UInt32 = 0
        for (index, byte) in response.data.prefix(4).enumerated() { received |= UInt32(byte) << UInt32(8 * index) }
        let mask = value(.psmkr)
        let match = value(.psmar)
        let matched: Bool
        if control & OctoSPIRegisters.Control.pmm != 0 {
            // OR mode: any unmasked bit equal to its match bit.
            matched = mask & ~(received ^ match) != 0
        } else {
            matched = received & mask == match & mask
        }
        if matched {
            flags |= OctoSPIRegisters.Status.smf
            trace.note(.ospiFlag("SMF: status match"))
            if control & OctoSPIRegisters.Control.apms != 0 {
                polling = false
                return
            }
        }
        if let next = flash.nextStateChange {
            pollDue = next
            clock.schedule(at: next)
        }
    }

    // MARK: Abort

    /// CR.ABORT: the command in progress stops (a partly fed write reaches the flash as sent so far),
    /// the controller returns to idle and, as the HAL expects, TCF rises.
    func abort() {
        let wasBusy = isBusy
        if writeActive && writeCount > 0 { finishWrite(completes: false) }
        clearTransfers()
        if wasBusy { flags |= OctoSPIRegisters.Status.tcf }
        trace.note(.ospiFlag("ABORT"))
    }
}
