/// The value of an ASCII hex digit (either case), or a value above 15 for anything else.
@inline(__always)
func hexNibble(_ character: UInt8) -> UInt8 {
    let digit = character &- 0x30
    if digit < 10 { return digit }
    let letter = (character | 0x20) &- 0x61
    if letter < 6 { return letter &+ 10 }
    return 0xFF
}

/// The upper-case ASCII hex digit for a value 0...15.
@inline(__always)
func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? 0x30 &+ nibble : 0x37 &+ nibble
}
