/// The engine's work on the system memory (reference §8): reads of every system word, and
/// programming of the OTP area, the only part software can program. It runs the same NSCR
/// sequence as the main flash (PG, two word writes per double word), as OpenOCD does for OTP.
extension FlashEngine {
    /// The name the OTP sequence goes by in results and the journal.
    package static let otpSequenceName = "otp"

    /// Every address of `[address, last]` must be in one of the system words or the OTP area.
    func checkSystemReadable(from address: UInt32, to last: UInt32) throws(EngineError) {
        var cursor = UInt64(address)
        while cursor <= UInt64(last) {
            let location: SystemLocation
            do { location = try SystemArea.locate(UInt32(cursor)) } catch { throw .outsideFlash(error) }
            cursor = UInt64(location.area.start) + UInt64(location.area.size)
        }
    }

    /// Why an erase at a system address is refused: nothing erases the OTP, the rest is read-only.
    func systemEraseRefusal(_ address: UInt32) -> LocateError {
        do {
            let location = try SystemArea.locate(address)
            return LocateError(
                address: address,
                reason: location.area == .otp
                    ? SystemArea.notErasable
                    : location.area == .dbgmcu
                        ? "DBGMCU holds debug registers; nothing erases them" : "\(location.area.rawValue) is read-only"
            )
        } catch { return error }
    }

    /// Only the OTP area takes a program; any other system address is refused with one line.
    func checkOTPProgrammable(_ extents: [AddressRange]) throws(EngineError) {
        for extent in extents {
            for address in [extent.from, extent.to] where !SystemArea.isOTP(address) {
                let what: String
                do { what = try SystemArea.locate(address).area.rawValue + " is read-only" } catch {
                    what = error.reason
                }
                throw .outsideFlash(
                    LocateError(
                        address: address,
                        reason: "\(what); of the system memory only the OTP area "
                            + "(\(hex(SystemArea.otpBase))–\(hex(SystemArea.otpBase + SystemArea.otpSize - 1))) "
                            + "can be programmed"))
            }
        }
    }

    /// The system-memory part of sorted extents (either system window).
    func systemExtents(_ extents: [AddressRange]) -> [AddressRange] {
        extents.clipped(to: SystemArea.otpBase, end: SystemArea.systemEnd)
            + extents.clipped(
                to: SystemArea.dbgmcuBase, end: UInt64(SystemArea.dbgmcuBase) + UInt64(SystemArea.dbgmcuSize))
    }

    /// The extents without the system memory.
    func withoutSystem(_ extents: [AddressRange]) -> [AddressRange] {
        extents.excluding(SystemArea.otpBase, end: SystemArea.systemEnd)
            .excluding(SystemArea.dbgmcuBase, end: UInt64(SystemArea.dbgmcuBase) + UInt64(SystemArea.dbgmcuSize))
    }

    /// Programs the OTP part of an image: each double word it touches (the rest of the double word
    /// 0xFF), under NSCR, stopping at the first error flag. Counts the image's bytes that landed.
    func programOTP(_ image: MemoryImage, result: inout OperationResult) {
        let otp = machine.controller.otp
        let before = otp.bytes
        var doubleWords: [UInt32: [UInt8]] = [:]
        for segment in image.segments {
            for (index, byte) in segment.bytes.enumerated() {
                let address = segment.address + UInt32(index)
                let start = address & ~7
                doubleWords[start, default: [UInt8](repeating: 0xFF, count: 8)][Int(address - start)] = byte
            }
        }
        let bus = machine.bus
        let base = FlashRegisters.base
        let nscr = base + FlashRegisters.Offset.nscr
        let nssr = base + FlashRegisters.Offset.nssr
        machine.trace.note(.call("ProgramOTP"))
        // As the HAL and OpenOCD: keys only when LOCK is set, error flags cleared first.
        if (bus.read(nscr) ?? 0) & FlashRegisters.Control.lock != 0 {
            bus.write(base + FlashRegisters.Offset.nskeyr, FlashRegisters.Keys.flash.0)
            bus.write(base + FlashRegisters.Offset.nskeyr, FlashRegisters.Keys.flash.1)
        }
        guard (bus.read(nscr) ?? FlashRegisters.Control.lock) & FlashRegisters.Control.lock == 0 else {
            result.failedCalls.append("ProgramOTP: NSCR stayed locked after the key sequence")
            return
        }
        waitUntilIdle(nssr)
        bus.write(nssr, StatusFlag.errorMask | StatusFlag.eop.mask)
        bus.write(nscr, FlashRegisters.Control.pg)
        for start in doubleWords.keys.sorted() {
            guard let bytes = doubleWords[start] else { continue }
            bus.write(start, Self.word(bytes, 0))
            bus.write(start + 4, Self.word(bytes, 4))
            waitUntilIdle(nssr)
            if (bus.read(nssr) ?? StatusFlag.errorMask) & StatusFlag.errorMask != 0 { break }
        }
        bus.write(nscr, 0)
        bus.write(nscr, FlashRegisters.Control.lock)
        for (start, bytes) in doubleWords {
            let offset = Int(start - SystemArea.otpBase)
            guard otp.bytes[offset..<offset + 8] != before[offset..<offset + 8] else { continue }
            result.bytesProgrammed += bytes.indices.filter { image.byte(at: start + UInt32($0)) != nil }.count
        }
    }

    private func waitUntilIdle(_ status: UInt32) {
        for _ in 0..<64 {
            guard let value = machine.bus.read(status), value & StatusFlag.bsy.mask != 0 else { return }
            machine.bus.waitForEvent()
        }
    }

    private static func word(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[index + $1]) << UInt32(8 * $1) }
    }
}
