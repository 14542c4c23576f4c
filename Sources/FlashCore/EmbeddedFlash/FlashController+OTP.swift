/// The OTP area as the flash controller sees it (reference §8): read like the flash, programmed
/// by the same PG sequence as the main flash, a double word at a time, and never erased (no
/// PER or MER bit can name it). OpenOCD drives it as a flash bank with this sequence.
extension FlashController {
    /// A read of the OTP area (it waits while the controller is busy, as a flash read does).
    func readOTP(offset: UInt32, size: AccessSize) -> UInt32? {
        stallWhileBusy()
        guard UInt64(offset) + UInt64(size.rawValue) <= UInt64(SystemArea.otpSize) else { return nil }
        var value: UInt32 = 0
        for byte in 0..<size.rawValue { value |= UInt32(otp.bytes[Int(offset) + byte]) << UInt32(8 * byte) }
        return value
    }

    /// A write to the OTP area: a program access, checked and paired into double words by `writeFlash`.
    func writeOTP(offset: UInt32, value: UInt32, size: AccessSize) {
        writeFlash(address: SystemArea.otpBase + offset, value: value, size: size, channel: otpChannel)
    }

    /// The control register an OTP write is programmed under: NSCR, or SECCR when TZEN=1, only
    /// SECCR has PG set and the assumption otp-program-registers allows it.
    var otpChannel: ControlChannel {
        guard effective.trustZone, assumptions.otpProgramRegisters == .eitherWithTrustZone else { return .nonSecure }
        let pg = ControlField.pg.mask
        let nonSecure = value(at: FlashRegisters.Offset.nscr) & pg != 0
        let secure = value(at: FlashRegisters.Offset.seccr) & pg != 0
        return !nonSecure && secure ? .secure : .nonSecure
    }

    /// The second word of an OTP double word arrived: it is programmed where the double word is
    /// erased (or to all zeros, the main flash's rule); anything else is PROGERR, and nothing changes.
    func programOTP(first: (address: UInt32, value: UInt32), high: UInt32, channel: ControlChannel) {
        let offset = Int(first.address - SystemArea.otpBase)
        let isZero = first.value == 0 && high == 0
        guard isZero || otp.isErased(offset: offset, count: 8) else {
            raise(.progerr, on: channel, address: first.address)
            return
        }
        otp.write(littleEndianBytes(first.value) + littleEndianBytes(high), at: offset)
        trace.note(.programmed(address: first.address))
        startBusy(timing.doubleWordProgram, channel: channel)
    }
}
