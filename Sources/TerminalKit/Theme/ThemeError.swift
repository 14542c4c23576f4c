/// A theme file that cannot be used, with where the problem is.
package struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the caller named it.
    package var file: String
    /// 1-based line of a syntax error, when the parser knows it.
    package var line: Int?
    package var column: Int?
    /// Dotted key path of a semantic error, such as `roles.cursor.fg`.
    package var key: String?
    package var message: String

    package init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    package var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let key { place += ": \(key)" }
        return "\(place): \(message)"
    }
}
