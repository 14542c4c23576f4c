/// A semantic role for a cell; themes decide what each role looks like.
///
/// The raw values are the keys used in theme files.
package enum Role: String, CaseIterable, Hashable, Sendable {
    case normal
    case dim
    case title
    case border
    case selection
    case cursor
    case keyBar = "key-bar"
    case keyBarKey = "key-bar-key"
    case error
    /// A consequence to read before going on: data lost outside a request, an error a plan predicts.
    case warning
    case pending
    case changed

    // States of a cell in a storage map: theme vocabulary for the maps an app draws.
    case erased
    case programmed
    case partlyProgrammed = "partly-programmed"
    case writeProtected = "write-protected"
    case differs
    case secure

    // Hex byte classes, after hexyl.
    case hexZero = "hex-zero"
    case hexPrintable = "hex-printable"
    case hexWhitespace = "hex-whitespace"
    case hexOther = "hex-other"
    case hexNonASCII = "hex-non-ascii"
    case hexErased = "hex-erased"
    case hexOffset = "hex-offset"
}
