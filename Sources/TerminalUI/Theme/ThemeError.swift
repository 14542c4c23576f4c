/// A theme file that cannot be used, with where the problem is.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    /// 1-based line of a syntax error, when the parser knows it.
    public var line: Int?
    public var column: Int?
    /// Dotted key path of a semantic error, such as `roles.cursor.fg`.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let key { place += ": \(key)" }
        return "\(place): \(message)"
    }
}
