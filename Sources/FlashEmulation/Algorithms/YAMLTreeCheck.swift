import Yams

/// Checks a composed YAML tree before the reader looks anything up in it: no mapping may
/// repeat a key (Yams keeps both, and which one a lookup finds is not what a user meant),
/// and the tree may not have more nodes than the text has bytes, which only aliases
/// (`*name`) can do: a few of them nested expand exponentially. The walk uses its own stack,
/// so it does not recurse however the tree is shaped.
enum YAMLTreeCheck {
    /// Why the tree is refused, with the line where there is one, or nil.
    static func problem(in root: Node, textSize: Int) -> String? {
        var pending = [root]
        var visited = 0
        while let node = pending.popLast() {
            visited += 1
            if visited > textSize + 1 {
                return "aliases expand it beyond \(textSize + 1) nodes, more than the file has bytes"
            }
            switch node {
            case .scalar:
                break
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .mapping(let mapping):
                var keys = Set<String>()
                for (key, value) in mapping {
                    if let name = key.scalar?.string, !keys.insert(name).inserted {
                        let place = key.mark.map { "line \($0.line): " } ?? ""
                        return "\(place)duplicate key '\(PrintableText.escaped(name))'"
                    }
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
        return nil
    }
}
