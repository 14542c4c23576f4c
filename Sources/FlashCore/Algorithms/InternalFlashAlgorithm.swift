/// The built-in algorithms for the embedded flash. All three run the same register
/// sequences (reference §5); they differ only in how they turn an address into PNB/BKER.
package final class InternalFlashAlgorithm: FlashAlgorithm {
    /// How the algorithm works out the page of an address.
    package enum Geometry: String, CaseIterable, Sendable {
        /// Reads OPTR and follows the layout it implies (DBANK, SWAP_BANK, the model assumptions).
        case bankAware = "bank-aware"
        /// 2 KB sectors, BKER from the address, DBANK never read (J-Link, Keil and probe-rs descriptions).
        case assumeDualBank = "assume-dual-bank"
        /// 4 KB sectors, BKER always 0, DBANK never read.
        case assumeSingleBank = "assume-single-bank"

        package var summary: String {
            switch self {
            case .bankAware: "reads OPTR; PNB/BKER follow DBANK, SWAP_BANK and the model assumptions"
            case .assumeDualBank: "2 KiB sectors, bank from the address; never reads DBANK or SWAP_BANK"
            case .assumeSingleBank: "4 KiB sectors, BKER=0; never reads DBANK"
            }
        }
    }

    private typealias C = FlashRegisters.Control
    /// Polls of a busy flag before giving up (each poll lets virtual time pass to the next event).
    /// A live chip behind a debugger needs more: there each poll is a round trip in real time.
    package static let modelPollLimit = 64
    private let pollLimit: Int

    package let geometry: Geometry
    private let assumptions: ModelAssumptions
    private var flashSize: UInt32 = 512 * 1024
    private var layout: FlashLayout?
    private var secure = false
    /// The access that made the last entry point fail (readout protection answers with bus errors).
    private var lastFault: RecordedFault?

    package init(_ geometry: Geometry, assumptions: ModelAssumptions, pollLimit: Int = modelPollLimit) {
        self.geometry = geometry
        self.assumptions = assumptions
        self.pollLimit = pollLimit
    }

    package var name: String { geometry.rawValue }

    package var failureDetail: String? { lastFault?.description }

    package var addressRange: ClosedRange<UInt32> {
        FlashLayout.nonSecureBase...(FlashLayout.nonSecureBase + flashSize - 1)
    }

    package var pageSize: UInt32 { geometry == .assumeSingleBank || layout?.pageSize == 4096 ? 4096 : 2048 }

    package func sector(containing address: UInt32) -> DeclaredSector? {
        let offset = FlashLayout.offset(address)
        switch geometry {
        case .bankAware:
            guard let location = try? layout?.locate(FlashLayout.nonSecureBase + offset) else { return nil }
            return DeclaredSector(start: location.pageAddress, size: location.pageSize)
        case .assumeDualBank, .assumeSingleBank:
            guard offset < flashSize else { return nil }
            let size: UInt32 = geometry == .assumeDualBank ? 2048 : 4096
            return DeclaredSector(start: FlashLayout.nonSecureBase + offset / size * size, size: size)
        }
    }

    // MARK: Register addresses for the channel in use

    private var controlAddress: UInt32 {
        FlashRegisters.base + (secure ? FlashRegisters.Offset.seccr : FlashRegisters.Offset.nscr)
    }
    private var statusAddress: UInt32 {
        FlashRegisters.base + (secure ? FlashRegisters.Offset.secsr : FlashRegisters.Offset.nssr)
    }
    private var keyAddress: UInt32 {
        FlashRegisters.base + (secure ? FlashRegisters.Offset.seckeyr : FlashRegisters.Offset.nskeyr)
    }
    private var optrAddress: UInt32 { FlashRegisters.base + OptionRegister.optr.offset }

    /// Flash addresses are written through the alias that matches the registers in use.
    private func alias(_ address: UInt32) -> UInt32 {
        FlashLayout.offset(address) | (secure ? FlashLayout.secureBase : FlashLayout.nonSecureBase)
    }

    // MARK: Entry points

    package func initialize(bus: Bus, address: UInt32, clock: UInt32, function: AlgorithmFunction) -> UInt32 {
        lastFault = nil
        guard let sizeKiB = read(bus, Machine.flashSizeRegisterAddress, size: .halfWord),
            let optr = read(bus, optrAddress)
        else { return 1 }
        // The HAL takes 512 KB when the size register reads erased or zero.
        flashSize = (sizeKiB == 0 || sizeKiB == 0xFFFF) ? 512 * 1024 : sizeKiB * 1024
        secure = OptionField.tzen.value(in: optr) == 1
        if geometry == .bankAware {
            var options = OptionBytes.factory
            options[.optr] = optr
            let part = Part.catalog.first { $0.flashSize == flashSize } ?? .defaultPart
            layout = FlashLayout(part: part, options: options, assumptions: assumptions)
        }
        if secure {
            // As OpenOCD and the Keil algorithm do: make every page block-secure for the operation.
            for register in 0..<8 {
                let offset =
                    (register < 4 ? FlashRegisters.Offset.secbb1 : FlashRegisters.Offset.secbb2) + UInt32(register % 4)
                    * 4
                guard write(bus, FlashRegisters.base + offset, 0xFFFF_FFFF) else { return 1 }
            }
        }
        // Keys only while LOCK is set: writing them to an unlocked NSCR is a wrong sequence
        // (reference §8; OpenOCD's stm32l4_unlock_reg and the HAL check LOCK first).
        guard let control = read(bus, controlAddress) else { return 1 }
        if control & C.lock != 0 {
            guard write(bus, keyAddress, FlashRegisters.Keys.flash.0),
                write(bus, keyAddress, FlashRegisters.Keys.flash.1)
            else { return 1 }
        }
        guard let unlocked = read(bus, controlAddress), unlocked & C.lock == 0 else { return 1 }
        return 0
    }

    package func uninitialize(bus: Bus, function: AlgorithmFunction) -> UInt32 {
        lastFault = nil
        bus.write(controlAddress, C.lock)
        if secure {
            for register in 0..<8 {
                let offset =
                    (register < 4 ? FlashRegisters.Offset.secbb1 : FlashRegisters.Offset.secbb2) + UInt32(register % 4)
                    * 4
                bus.write(FlashRegisters.base + offset, 0)
            }
        }
        return 0
    }

    package func eraseSector(bus: Bus, address: UInt32) -> UInt32 {
        lastFault = nil
        guard let (pnb, bker) = pageCommand(for: address) else { return 1 }
        return runErase(bus: bus, command: ControlField.pageErase(pnb: pnb, bker: bker))
    }

    package func eraseChip(bus: Bus) -> UInt32 {
        lastFault = nil
        return runErase(bus: bus, command: C.mer1 | C.mer2)
    }

    /// Erases one bank with MER1 or MER2 (bank-aware only: it knows which physical bank is where).
    package func eraseBank(bus: Bus, bank: Int) -> UInt32 {
        lastFault = nil
        guard let layout else { return 1 }
        guard layout.dualBank else { return runErase(bus: bus, command: C.mer1 | C.mer2) }
        let physical = layout.physicalBank(forLogical: bank)
        let mer1Bank = assumptions.massEraseUnderSwap == .physical ? 1 : layout.physicalBank(forLogical: 1)
        return runErase(bus: bus, command: physical == mer1Bank ? C.mer1 : C.mer2)
    }

    package func programPage(bus: Bus, address: UInt32, bytes: [UInt8]) -> UInt32 {
        lastFault = nil
        guard waitWhileBusy(bus), clearErrors(bus), write(bus, controlAddress, C.pg) else { return 1 }
        var result: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let low = word(bytes, index)
            let high = word(bytes, index + 4)
            let target = alias(address &+ UInt32(index))
            guard write(bus, target, low), write(bus, target &+ 4, high), waitWhileBusy(bus),
                let status = read(bus, statusAddress), status & StatusFlag.errorMask == 0
            else {
                result = 1
                break
            }
            index += 8
        }
        bus.write(controlAddress, 0)
        return result
    }

    // MARK: Sequences

    /// PNB and BKER this algorithm sends for an address.
    func pageCommand(for address: UInt32) -> (pnb: Int, bker: Int)? {
        let offset = FlashLayout.offset(address)
        switch geometry {
        case .bankAware:
            guard let location = try? layout?.locate(FlashLayout.nonSecureBase + offset) else { return nil }
            return (location.pnb, location.bker)
        case .assumeDualBank:
            guard offset < flashSize else { return nil }
            let half = flashSize / 2
            return (Int((offset % half) >> 11), offset >= half ? 1 : 0)
        case .assumeSingleBank:
            guard offset < flashSize else { return nil }
            return (Int(offset >> 12), 0)
        }
    }

    private func runErase(bus: Bus, command: UInt32) -> UInt32 {
        guard waitWhileBusy(bus), clearErrors(bus), write(bus, controlAddress, command) else { return 1 }
        let started = write(bus, controlAddress, command | C.strt)
        let finished = waitWhileBusy(bus)
        let status = read(bus, statusAddress) ?? StatusFlag.errorMask
        bus.write(controlAddress, 0)
        return started && finished && status & StatusFlag.errorMask == 0 ? 0 : 1
    }

    private func clearErrors(_ bus: Bus) -> Bool {
        write(bus, statusAddress, StatusFlag.errorMask | StatusFlag.eop.mask)
    }

    private func waitWhileBusy(_ bus: Bus) -> Bool {
        for _ in 0..<pollLimit {
            guard let status = read(bus, statusAddress) else { return false }
            if status & StatusFlag.bsy.mask == 0 { return true }
            bus.waitForEvent()
        }
        return false
    }

    /// A read that keeps the fault, so the engine can say why the entry point failed.
    private func read(_ bus: Bus, _ address: UInt32, size: AccessSize = .word) -> UInt32? {
        guard let value = bus.read(address, size: size) else {
            lastFault = bus.lastFault
            return nil
        }
        return value
    }

    private func write(_ bus: Bus, _ address: UInt32, _ value: UInt32) -> Bool {
        guard bus.write(address, value) else {
            lastFault = bus.lastFault
            return false
        }
        return true
    }

    private func word(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in 0..<4 {
            let position = index + byte
            value |= UInt32(position < bytes.count ? bytes[position] : 0xFF) << UInt32(8 * byte)
        }
        return value
    }
}

extension InternalFlashAlgorithm {
    /// The built-in algorithm a user names (`--algorithm assume-dual-bank`), for a device's assumptions.
    package static func named(_ name: String, assumptions: ModelAssumptions) throws(EngineError)
        -> InternalFlashAlgorithm
    {
        guard let geometry = Geometry(rawValue: name) else { throw .unknownAlgorithm(name) }
        return InternalFlashAlgorithm(geometry, assumptions: assumptions)
    }
}
