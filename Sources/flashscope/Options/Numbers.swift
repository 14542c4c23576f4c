import ArgumentParser
import FlashCore

/// A number as users type it: `0x0800_0800`, `2048`, `2K`, `1M`.
struct Number: ExpressibleByArgument, Sendable {
    let value: UInt32

    init?(argument: String) {
        guard let value = Number.parse(argument) else { return nil }
        self.value = value
    }

    static func parse(_ text: String) -> UInt32? { NumberText.parse(text) }

    static var defaultCompletionKind: CompletionKind { .default }
}
