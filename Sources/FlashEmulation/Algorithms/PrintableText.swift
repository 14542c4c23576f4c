/// Text from an algorithm file as it may be shown: names and values end up in one-line
/// error messages and on terminals, so control characters (a line break in a FlashDevice
/// name, an escape sequence) are written as `\u{…}` instead.
enum PrintableText {
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let control =
                scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
            result += control ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
        return result
    }
}
