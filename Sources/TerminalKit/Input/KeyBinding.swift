/// One row of a key table: the keys, the short bar label, the help text and
/// the action they trigger (bubbles' key.Binding, htop's Action table).
package struct KeyBinding<Action: Hashable & Sendable>: Hashable, Sendable {
    package var keys: [Key]
    /// A word or two for the bottom bar, such as "Erase".
    package var label: String
    /// A sentence for the help overlay.
    package var help: String
    package var action: Action

    package init(_ keys: [Key], label: String, help: String, action: Action) {
        self.keys = keys
        self.label = label
        self.help = help
        self.action = action
    }

    /// The keys as shown to the user: "↑/k".
    package var keyText: String { keys.map(\.description).joined(separator: "/") }
}

/// The single source for dispatch, the key bar and the help overlay.
package struct KeyTable<Action: Hashable & Sendable>: Hashable, Sendable {
    package private(set) var bindings: [KeyBinding<Action>]

    /// - Throws: `KeyTableError` when one key is bound twice, since only the
    ///   first binding could ever run.
    package init(_ bindings: [KeyBinding<Action>]) throws(KeyTableError) {
        var seen: [Key: String] = [:]
        for binding in bindings {
            for key in binding.keys {
                if let other = seen[key] {
                    throw KeyTableError(key: key, firstLabel: other, secondLabel: binding.label)
                }
                seen[key] = binding.label
            }
        }
        self.bindings = bindings
    }

    /// The binding that handles `key`, if any.
    package func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.keys.contains(key) }
    }

    /// The action for `key`, if any.
    package func action(for key: Key) -> Action? { binding(for: key)?.action }
}

/// A key table that binds one key to two actions.
package struct KeyTableError: Error, Hashable, Sendable, CustomStringConvertible {
    package var key: Key
    package var firstLabel: String
    package var secondLabel: String

    package var description: String {
        "key \(key) is bound to both \(firstLabel) and \(secondLabel)"
    }
}
