/// The flash controller's register block, seen through its non-secure (tag 0) and secure (tag 1) windows.
final class FlashRegisterPort: RegisterBlockTarget {
    let controller: FlashController
    /// The bus the port is mapped on, asked who makes each access.
    unowned let bus: Bus

    init(_ controller: FlashController, on bus: Bus) {
        self.controller = controller
        self.bus = bus
    }

    override func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        .success(controller.readRegister(offset))
    }

    override func currentRegister(at offset: UInt32, window: Int) -> UInt32 { controller.peek(offset) }

    override func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        controller.writeRegister(offset, value, origin: bus.origin)
    }

    override func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? {
        guard let spec = controller.registers.spec(atOffset: offset & ~3) else { return nil }
        return (spec, controller.peek(offset & ~3))
    }

    override func peekValue(offset: UInt32, window: Int) -> UInt32? {
        controller.registers.index(ofOffset: offset & ~3) == nil ? nil : controller.peek(offset & ~3)
    }

    override func regionName(window: Int) -> String { window == 0 ? "FLASH" : "FLASH (secure)" }
}

/// The flash memory itself, at 0x0800_0000 (tag 0) and 0x0C00_0000 (tag 1).
final class FlashArrayPort: BusTarget {
    let controller: FlashController
    /// The bus the port is mapped on, asked who makes each access (readout protection).
    unowned let bus: Bus

    init(_ controller: FlashController, on bus: Bus) {
        self.controller = controller
        self.bus = bus
    }

    private func base(_ window: Int) -> UInt32 { window == 0 ? FlashLayout.nonSecureBase : FlashLayout.secureBase }

    /// With TrustZone off the secure window may answer nothing (assumption secure-alias-without-tz).
    private func refusal(_ window: Int) -> BusFault? {
        window == 1 && !controller.secureAliasAnswers
            ? .refused("the secure alias answers only with TrustZone on (TZEN=1)") : nil
    }

    override func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> {
        if let fault = refusal(window) ?? controller.flashRefusal(bus.origin) { return .failure(fault) }
        let address = base(window) + offset
        guard let value = controller.readFlash(address: address, size: size) else { return .failure(.unmapped) }
        // TrustZone: a secure page seen from the non-secure side (or the reverse), or a closed hide area.
        switch controller.readRefusal(address: address, size: size, window: window) {
        case nil: return .success(value)
        case .zero(let reason):
            controller.trace.note(.text("illegal access: \(reason); read as zero (GTZC's flag is not modelled)"))
            return .success(0)
        case .fault(let reason): return .failure(.refused(reason))
        }
    }

    override func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int) -> Result<Void, BusFault> {
        if let fault = refusal(window) ?? controller.flashRefusal(bus.origin) { return .failure(fault) }
        let address = base(window) + offset
        guard (try? controller.layout.locate(address)) != nil else { return .failure(.unmapped) }
        // With TrustZone on, the secure alias is programmed through SECCR; otherwise through NSCR.
        let channel: ControlChannel = window == 1 && controller.effective.trustZone ? .secure : .nonSecure
        controller.writeFlash(address: address, value: value, size: size, channel: channel)
        return .success(())
    }

    override func peekRegister(offset: UInt32, window: Int) -> (spec: RegisterSpec, value: UInt32)? { nil }

    override func peekValue(offset: UInt32, window: Int) -> UInt32? { nil }

    override func regionName(window: Int) -> String { window == 0 ? "flash" : "flash (secure)" }
}
