/// What a YAML text may build, judged before the text reaches the parser: Yams builds its
/// node tree recursively, so a few kilobytes nested thousands of levels deep overflow the
/// stack; and an alias (`*name`) repeats a whole node, so a chain of them builds a tree far
/// deeper and larger than the text (whose release recurses too). The scan refuses nesting
/// estimated deeper than `maximumDepth`, and any alias: probe-rs's files use none.
///
/// The scan follows libyaml's scanner where it decides nesting: token starts, comments,
/// quoted, plain and block scalars (whose contents are skipped), flow brackets, and the
/// block indentation stack (`-`, `?` and simple keys roll it, a token left of it unrolls
/// it). Each block indentation level can hold a mapping and an indentless sequence, and
/// each flow level a collection and a single-pair mapping, so the estimate counts both
/// twice: it is at least the depth the parser reaches. Where the scan and libyaml might
/// part ways (malformed input), libyaml stops with an error, so nothing nests past it.
package struct YAMLPreScan {
    /// The deepest estimate a probe-rs file may reach. Their files nest about 6 levels
    /// (estimate 12); 64 keeps Yams's recursion far from the smallest thread stack.
    package static let maximumDepth = 64

    /// Why the text is refused, starting with its line, or nil.
    package static func problem(in text: [UInt8]) -> String? {
        var scan = YAMLPreScan(text)
        scan.stopsAtAlias = true
        guard let line = scan.run(stoppingAbove: maximumDepth) else { return nil }
        return scan.sawAlias
            ? "line \(line): an alias (*name); aliases are not accepted"
            : "line \(line): nested deeper than the \(maximumDepth)-level limit"
    }

    /// The deepest estimate over the whole text (for the fuzzer, which checks it against
    /// the depth of the tree Yams builds).
    package static func deepestEstimate(_ text: [UInt8]) -> Int {
        var scan = YAMLPreScan(text)
        _ = scan.run(stoppingAbove: nil)
        return scan.deepest
    }

    private let text: [UInt8]
    private var index = 0
    private var line = 1
    /// In characters, as libyaml counts columns.
    private var column = 0
    private var flow = 0
    private var indents: [Int] = []
    private var keyAllowed = true
    /// Where a simple key may have started on this line (the column a `:` rolls to).
    private var keyColumn: Int?
    private var deepest = 0
    private var stopsAtAlias = false
    private var sawAlias = false

    private init(_ text: [UInt8]) { self.text = text }

    private var depth: Int { 2 * (indents.count + flow) }

    private mutating func run(stoppingAbove limit: Int?) -> Int? {
        while true {
            skipToToken()
            guard index < text.count else { return nil }
            token()
            deepest = max(deepest, depth)
            if let limit, depth > limit { return line }
            if stopsAtAlias && sawAlias { return line }
        }
    }

    private mutating func token() {
        let start = column
        let byte = text[index]
        if start == 0 && (starts("---") || starts("...")) && isBlankOrEnd(index + 3) {
            if flow == 0 { indents.removeAll() }
            advance(3)
            keyAllowed = true
            return
        }
        if flow == 0 { while let last = indents.last, last > start { indents.removeLast() } }
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            noteKey(start)
            flow += 1
            advance()
            keyAllowed = true
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            flow = max(0, flow - 1)
            advance()
            keyAllowed = false
        case UInt8(ascii: ","):
            advance()
            keyAllowed = true
        case UInt8(ascii: "-") where isBlankOrEnd(index + 1),
            UInt8(ascii: "?") where flow > 0 || isBlankOrEnd(index + 1):
            if flow == 0 { roll(start) }
            advance()
            keyAllowed = true
            keyColumn = nil
        case UInt8(ascii: ":") where flow > 0 || isBlankOrEnd(index + 1):
            if flow == 0 { roll(keyColumn ?? start) }
            advance()
            keyAllowed = flow == 0
            keyColumn = nil
        case UInt8(ascii: "&"), UInt8(ascii: "*"):
            // libyaml's anchor and alias names are letters, digits, `_` and `-`: `&a: b` is a key.
            if byte == UInt8(ascii: "*") { sawAlias = true }
            noteKey(start)
            advance()
            while index < text.count && isNameCharacter(text[index]) { advance() }
            keyAllowed = false
        case UInt8(ascii: "!"):
            // A tag runs to a blank (or a flow indicator, where the parser stops anyway).
            noteKey(start)
            advance()
            while index < text.count && !isBlankOrEnd(index) && !isFlowIndicator(text[index]) { advance() }
            keyAllowed = false
        case UInt8(ascii: "|") where flow == 0, UInt8(ascii: ">") where flow == 0:
            blockScalar()
            keyAllowed = true
            keyColumn = nil
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            noteKey(start)
            quoted(byte)
            keyAllowed = false
        case UInt8(ascii: "%") where start == 0:
            while index < text.count && !isBreak(index) { advance() }
        default:
            noteKey(start)
            // A plain scalar that ran over line breaks ends at a new line, where a key may start.
            keyAllowed = plain()
            if keyAllowed { keyColumn = nil }
        }
    }

    /// libyaml keeps one possible key per flow level; only the block one (level 0) rolls.
    private mutating func noteKey(_ column: Int) {
        if keyAllowed && flow == 0 { keyColumn = column }
    }

    private mutating func roll(_ column: Int) {
        if indents.last.map({ column > $0 }) ?? true { indents.append(column) }
    }

    /// Spaces, tabs, comments and line breaks; a break in block context allows a simple key again.
    private mutating func skipToToken() {
        while index < text.count {
            let byte = text[index]
            if index == 0 && starts("\u{FEFF}") {
                index = 3  // the reader drops a byte order mark; columns start after it
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                advance()
            } else if byte == UInt8(ascii: "#") {
                while index < text.count && !isBreak(index) { advance() }
            } else if isBreak(index) {
                advance()
                if flow == 0 {
                    keyAllowed = true
                    keyColumn = nil
                }
            } else {
                return
            }
        }
    }

    /// libyaml's plain scalar: it ends at `: `, at a comment, at a flow indicator in flow
    /// context, and, in block context, at a line indented no more than the enclosing block.
    /// True when it ended after line breaks.
    private mutating func plain() -> Bool {
        let indent = (indents.last ?? -1) + 1
        var afterBreak = false
        while index < text.count {
            if column == 0 && (starts("---") || starts("...")) && isBlankOrEnd(index + 3) { return afterBreak }
            if text[index] == UInt8(ascii: "#") { return afterBreak }
            while index < text.count && !isBlankOrEnd(index) {
                let byte = text[index]
                if byte == UInt8(ascii: ":")
                    && (isBlankOrEnd(index + 1)
                        || (flow > 0 && index + 1 < text.count && isFlowIndicator(text[index + 1], orQuestion: true)))
                {
                    return false
                }
                if flow > 0 && isFlowIndicator(byte) { return false }
                advance()
                afterBreak = false
            }
            guard index < text.count, isBlank(index) || isBreak(index) else { return afterBreak }
            while index < text.count && (isBlank(index) || isBreak(index)) {
                if isBreak(index) { afterBreak = true }
                advance()
            }
            if flow == 0 && column < indent { return afterBreak }
        }
        return afterBreak
    }

    private mutating func quoted(_ quote: UInt8) {
        advance()
        while index < text.count {
            let byte = text[index]
            if quote == UInt8(ascii: "'") && byte == quote {
                advance()
                guard index < text.count, text[index] == quote else { return }
                advance()
            } else if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                advance()
                if index < text.count { advance() }
            } else if byte == quote {
                advance()
                return
            } else {
                advance()
            }
        }
    }

    /// libyaml's block scalar: a header line, then the lines indented at least the content
    /// indentation (given in the header, or that of the first non-empty line), and empty lines.
    private mutating func blockScalar() {
        advance()
        var increment = 0
        for _ in 0..<2 where index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                advance()
            } else if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
                increment = Int(byte - UInt8(ascii: "0"))
                advance()
            }
        }
        while index < text.count && !isBreak(index) { advance() }
        guard index < text.count else { return }
        advance()
        let parent = indents.last ?? -1
        var indent = increment == 0 ? 0 : (parent >= 0 ? parent + increment : increment)
        blockScalarBreaks(&indent)
        while index < text.count && column == indent {
            while index < text.count && !isBreak(index) { advance() }
            guard index < text.count else { return }
            advance()
            blockScalarBreaks(&indent)
        }
    }

    private mutating func blockScalarBreaks(_ indent: inout Int) {
        var widest = 0
        while true {
            while index < text.count && text[index] == UInt8(ascii: " ") && (indent == 0 || column < indent) {
                advance()
            }
            widest = max(widest, column)
            guard index < text.count, isBreak(index) else { break }
            advance()
        }
        if indent == 0 { indent = max(widest, (indents.last ?? -1) + 1, 1) }
    }

    // MARK: Characters

    /// Moves past one character (a line break counts as one, `\r\n` too), keeping line and column.
    private mutating func advance(_ characters: Int = 1) {
        for _ in 0..<characters where index < text.count {
            let length = breakLength(index)
            if length > 0 {
                index += length
                line += 1
                column = 0
                continue
            }
            index += 1
            while index < text.count && text[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
    }

    /// libyaml's line breaks: LF, CR, CR LF, NEL, LS and PS.
    private func breakLength(_ at: Int) -> Int {
        guard at < text.count else { return 0 }
        switch text[at] {
        case 0x0A: return 1
        case 0x0D: return at + 1 < text.count && text[at + 1] == 0x0A ? 2 : 1
        case 0xC2: return at + 1 < text.count && text[at + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return at + 2 < text.count && text[at + 1] == 0x80 && (text[at + 2] == 0xA8 || text[at + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    private func isBreak(_ at: Int) -> Bool { breakLength(at) > 0 }

    private func isBlank(_ at: Int) -> Bool {
        at < text.count && (text[at] == UInt8(ascii: " ") || text[at] == UInt8(ascii: "\t"))
    }

    private func isBlankOrEnd(_ at: Int) -> Bool { at >= text.count || isBlank(at) || isBreak(at) }

    private func isFlowIndicator(_ byte: UInt8, orQuestion: Bool = false) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
        case UInt8(ascii: "?"): orQuestion
        default: false
        }
    }

    private func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private func starts(_ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        return index + bytes.count <= text.count && text[index..<index + bytes.count].elementsEqual(bytes)
    }
}
