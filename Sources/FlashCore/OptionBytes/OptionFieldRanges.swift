/// Fields whose legal values are fewer than their width allows (reference §2.1, §8).
extension OptionField {
    /// The largest value the field takes: BOR_LEV has five levels, 0..4 (the HAL's
    /// IS_OB_USER_BOR_LEVEL); every other field takes whatever fits its bits. What the silicon does
    /// with 5..7 written to OPTR is in no source, so only the front ends refuse them.
    package var allowedMax: UInt32 { name == "BOR_LEV" ? 4 : maxValue }
}
