import ArgumentParser

/// A number as users type it: `0x0800_0800`, `2048`, `2K`, `1M`.
struct Number: ExpressibleByArgument, Sendable {
    let value: UInt32

    init?(argument: String) {
        guard let value = Number.parse(argument) else { return nil }
        self.value = value
    }

    static func parse(_ text: String) -> UInt32? {
        var digits = String(text.filter { $0 != "_" })
        var multiplier: UInt64 = 1
        if let last = digits.last, "kKmM".contains(last) {
            multiplier = "kK".contains(last) ? 1024 : 1024 * 1024
            digits.removeLast()
        }
        let parsed: UInt64?
        if digits.lowercased().hasPrefix("0x") {
            parsed = UInt64(digits.dropFirst(2), radix: 16)
        } else {
            parsed = UInt64(digits, radix: 10)
        }
        guard let parsed, !digits.isEmpty else { return nil }
        let (product, overflow) = parsed.multipliedReportingOverflow(by: multiplier)
        guard !overflow, let value = UInt32(exactly: product) else { return nil }
        return value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

