/// An option change the protection rules forbid (reference §8): RDP level 2 is permanent;
/// TZEN can be set only at level 0 and cleared only together with a regression to level 0.
package enum OptionRefusal: Equatable, Sendable, CustomStringConvertible {
    case levelTwoIsPermanent
    case trustZoneNeedsLevelZero(ReadoutProtection)
    case trustZoneNeedsRegression

    /// Why programming `requested` over the `loaded` option bytes is refused, or nil when it is allowed.
    package static func check(loaded: OptionBytes, requested: OptionBytes) -> OptionRefusal? {
        guard requested != loaded else { return nil }
        let level = loaded.readoutLevel
        if level == .level2 { return .levelTwoIsPermanent }
        if !loaded.trustZone && requested.trustZone && level != .level0 { return .trustZoneNeedsLevelZero(level) }
        if loaded.trustZone && !requested.trustZone && (level == .level0 || requested.readoutLevel != .level0) {
            return .trustZoneNeedsRegression
        }
        return nil
    }

    package var description: String {
        switch self {
        case .levelTwoIsPermanent:
            "RDP is at level 2 (0xCC), which is permanent: the option bytes can no longer be changed"
        case .trustZoneNeedsLevelZero(let level):
            "TZEN can be set only at RDP level 0; the part is at \(level)"
        case .trustZoneNeedsRegression:
            "TZEN can be cleared only together with a regression to RDP level 0 (RDP=0xAA from level 0.5 or 1) "
                + "in the same option programming"
        }
    }
}
