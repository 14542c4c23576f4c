extension Machine {
    /// A flash controller register by name (`NSCR`, `NSSR`, `OPTR`...), read without side effects.
    ///
    /// Key registers read as zero, as on the chip.
    public func peekRegister(named name: String) -> (spec: RegisterSpec, address: UInt32, value: UInt32)? {
        guard let spec = FlashRegisters.specs.first(where: { $0.name == name }) else { return nil }
        return (spec, FlashRegisters.base + spec.offset, controller.peek(spec.offset))
    }
}
