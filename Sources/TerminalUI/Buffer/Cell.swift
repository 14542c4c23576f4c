/// One terminal cell: a single-column grapheme and the role that styles it.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var role: Role

    public init(_ character: Character, role: Role = .normal) {
        self.character = character
        self.role = role
    }

    public static let blank = Cell(" ")
}
