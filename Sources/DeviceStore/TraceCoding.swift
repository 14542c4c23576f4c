import FlashCore

/// Stores a rendered trace as text, one access a line with tab-separated columns:
/// several times faster than JSON for the tens of thousands of entries a large operation keeps.
enum TraceCoding {
    private static let field: Character = "\t"
    private static let item: Character = "\u{1F}"

    static func encode(_ entries: [RenderedTraceEntry]) -> String {
        var text = ""
        text.reserveCapacity(entries.count * 64)
        for entry in entries {
            text += String(entry.seq)
            text.append(field); text += entry.access
            text.append(field); text += String(entry.address)
            text.append(field); text += String(entry.size)
            text.append(field); text += entry.region
            text.append(field); text += entry.register ?? ""
            text.append(field); text += String(entry.value)
            text.append(field); text += String(entry.time)
            text.append(field); text += entry.changes.joined(separator: String(item))
            text.append(field); text += entry.notes.joined(separator: String(item))
            text.append("\n")
        }
        return text
    }

    /// Nil when a line does not have the expected columns (a damaged file).
    static func decode(_ text: String) -> [RenderedTraceEntry]? {
        var entries: [RenderedTraceEntry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let columns = line.split(separator: field, omittingEmptySubsequences: false)
            guard columns.count == 10, let seq = Int(columns[0]), let address = UInt32(columns[2]),
                let size = Int(columns[3]), let value = UInt32(columns[6]), let time = UInt64(columns[7])
            else {
                return nil
            }
            func list(_ column: Substring) -> [String] {
                column.isEmpty ? [] : column.split(separator: item, omittingEmptySubsequences: false).map(String.init)
            }
            entries.append(
                RenderedTraceEntry(
                    seq: seq, access: String(columns[1]), address: address, size: size, region: String(columns[4]),
                    register: columns[5].isEmpty ? nil : String(columns[5]), value: value,
                    changes: list(columns[8]), notes: list(columns[9]), time: time))
        }
        return entries
    }
}
