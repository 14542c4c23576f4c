/// One row of a key table: the keys, the short bar label, the help text and
/// the action they trigger (bubbles' key.Binding, htop's Action table).
public struct KeyBinding<Action: Hashable & Sendable>: Hashable, Sendable {
    public var keys: [Key]
    /// A word or two for the bottom bar, such as "Erase".
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    public var action: Action

    public init(_ keys: [Key], label: String, help: String, action: Action) {
        self.keys = keys
        self.label = label
        self.help = help
        self.action = action
    }

    /// The keys as shown to the user: "↑/k".
    public var keyText: String { keys.map(\.description).joined(separator: "/") }
}

/// The single source for dispatch, the key bar and the help overlay.
public struct KeyTable<Action: Hashable & Sendable>: Hashable, Sendable {
    public private(set) var bindings: [KeyBinding<Action>]

    /// - Throws: `KeyTableError` when one key is bound twice, since only the
    ///   first binding could ever run.
    public init(_ bindings: [KeyBinding<Action>]) throws(KeyTableError) {
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
    public func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.keys.contains(key) }
    }

    /// The action for `key`, if any.
    public func action(for key: Key) -> Action? { binding(for: key)?.action }
}

/// A key table that binds one key to two actions.
public struct KeyTableError: Error, Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var firstLabel: String
    public var secondLabel: String

    public var description: String {
        "key \(key) is bound to both \(firstLabel) and \(secondLabel)"
    }
}
