extension Machine {
    /// A flash controller register by name (`NSCR`, `NSSR`, `OPTR`...), read without side effects.
    ///
    /// Key registers read as zero, as on the chip.
    /// OCTOSPI1 registers are named with their peripheral: `OCTOSPI1_CR`, `OCTOSPI1_SR`...
    package func peekRegister(named name: String) -> (spec: RegisterSpec, address: UInt32, value: UInt32)? {
        if name.hasPrefix(Self.octoSPIPrefix) {
            let short = String(name.dropFirst(Self.octoSPIPrefix.count))
            guard let ospi, let spec = OctoSPIRegister.specs.first(where: { $0.name == short }),
                let value = ospi.controller.peekValue(offset: spec.offset, window: OctoSPIController.Window.registers)
            else { return nil }
            return (spec, OctoSPIRegisters.base + spec.offset, value)
        }
        guard let spec = FlashRegisters.specs.first(where: { $0.name == name }) else { return nil }
        return (spec, FlashRegisters.base + spec.offset, controller.peek(spec.offset))
    }

    package static let octoSPIPrefix = "OCTOSPI1_"
}
