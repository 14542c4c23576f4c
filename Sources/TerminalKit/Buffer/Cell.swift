/// One terminal cell: a single-column grapheme and the role that styles it.
package struct Cell: Hashable, Sendable {
    package var character: Character
    package var role: Role

    package init(_ character: Character, role: Role = .normal) {
        self.character = character
        self.role = role
    }

    package static let blank = Cell(" ")
}
