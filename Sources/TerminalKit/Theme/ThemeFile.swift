import Foundation
import TOMLKit

/// Reads themes from the TOML format described in Themes/README.md.
package enum ThemeFile {
    /// Loads and parses the theme file at `path`.
    ///
    /// - Throws: `ThemeError` naming `path` and the line or key at fault.
    package static func load(path: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    /// Parses theme text; `file` only labels errors.
    package static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                message: error.description)
        } catch {
            throw ThemeError(file: file, message: "\(error)")
        }
        for key in table.keys where key != "name" && key != "roles" {
            throw ThemeError(file: file, key: key, message: "unknown key (expected name or roles)")
        }
        guard let name = table["name"]?.string, !name.isEmpty else {
            throw ThemeError(file: file, key: "name", message: "missing or not a string")
        }
        guard let roles = table["roles"]?.table else {
            throw ThemeError(file: file, key: "roles", message: "missing or not a table")
        }
        var styles: [Role: RoleStyle] = [:]
        for roleName in roles.keys {
            let key = "roles.\(roleName)"
            guard let role = Role(rawValue: roleName) else {
                throw ThemeError(file: file, key: key, message: "unknown role")
            }
            guard let entry = roles[roleName]?.table else {
                throw ThemeError(file: file, key: key, message: "must be a table such as { fg = \"red\" }")
            }
            styles[role] = try style(entry, key: key, file: file)
        }
        return Theme(name: name, styles: styles)
    }

    private static func style(_ entry: TOMLTable, key: String, file: String) throws(ThemeError) -> RoleStyle {
        var style = RoleStyle()
        for field in entry.keys {
            let fieldKey = "\(key).\(field)"
            switch field {
            case "fg", "bg":
                let colour = try colour(entry[field], key: fieldKey, file: file)
                if field == "fg" { style.foreground = colour } else { style.background = colour }
            case "attributes":
                style.attributes = try attributes(entry[field], key: fieldKey, file: file)
            default:
                throw ThemeError(file: file, key: fieldKey, message: "unknown field (expected fg, bg or attributes)")
            }
        }
        return style
    }

    private static func colour(_ value: (any TOMLValueConvertible)?, key: String, file: String) throws(ThemeError)
        -> Colour
    {
        if let number = value?.int {
            guard (0...255).contains(number) else {
                throw ThemeError(file: file, key: key, message: "colour index \(number) is not in 0...255")
            }
            return .index(UInt8(number))
        }
        guard let name = value?.string, let colour = Colour(name: name) else {
            throw ThemeError(
                file: file, key: key,
                message: "not a colour (use default, a name such as bright-red, or 0...255)")
        }
        return colour
    }

    private static func attributes(_ value: (any TOMLValueConvertible)?, key: String, file: String) throws(ThemeError)
        -> TextAttributes
    {
        guard let array = value?.array else {
            throw ThemeError(file: file, key: key, message: "must be an array such as [\"bold\"]")
        }
        var result: TextAttributes = []
        for element in array {
            guard let name = element.string,
                let attribute = TextAttributes.named.first(where: { $0.name == name })?.attribute
            else {
                let names = TextAttributes.named.map(\.name).joined(separator: ", ")
                throw ThemeError(
                    file: file, key: key, message: "unknown attribute \(element.debugDescription) (expected \(names))")
            }
            result.insert(attribute)
        }
        return result
    }
}
