import FlashCore

/// What `locate` adds to a location: the registers an erase of the page must use under TrustZone,
/// and, for the system memory, what it is and what software can do there.
enum LocationNotes {
    /// The page's security under the option bytes as a reset leaves them (SECBBxRy and HDPx_ACCDIS
    /// are registers, zero after reset; the device file keeps no registers).
    static func security(of location: FlashLocation, layout: FlashLayout, options: OptionBytes) -> PageSecurity {
        guard let page = layout.page(physicalBank: location.physicalBank, pnb: location.pnb) else { return .nonSecure }
        return PageSecurity.of(
            page, options: options, layout: layout, blockSecurity: [UInt32](repeating: 0, count: 8), hideControl: 0)
    }

    /// The hide area holding the page, if any (it closes once software sets HDPx_ACCDIS).
    static func hideArea(of location: FlashLocation, layout: FlashLayout, options: OptionBytes) -> Int? {
        guard options.trustZone else { return nil }
        let areas = layout.dualBank ? [location.physicalBank] : [1, 2]
        return areas.first { options.hideProtectedPages(bank: $0)?.contains(location.pnb) == true }
    }

    static func systemLines(_ location: SystemLocation, machine: Machine) -> [String] {
        var lines = ["\(hex(location.address))  \(location.area.rawValue), system memory of \(machine.part.name)"]
        let area = location.area
        lines.append("  \(area.rawValue): \(hex(area.start))–\(hex(area.start + area.size - 1)) (\(area.size) bytes)")
        if let register = location.register {
            let value = machine.bus.read(location.address & ~3).map { ", reads \(hex($0))" } ?? ""
            lines.append("  register \(register), offset \(location.offset)\(value)")
        }
        if let doubleWord = location.doubleWord {
            lines.append("  double word \(hex(doubleWord))–\(hex(doubleWord + 7))")
        }
        lines.append("  \(area.rules)")
        return lines
    }

    static func systemJSON(_ location: SystemLocation) -> [String: Any] {
        var object: [String: Any] = [
            "address": hex(location.address), "region": "system", "area": location.area.rawValue,
            "areaStart": hex(location.area.start), "areaSize": Int(location.area.size), "rules": location.area.rules,
            "programmable": location.area == .otp, "erasable": false,
        ]
        if let register = location.register { object["register"] = register }
        if let doubleWord = location.doubleWord { object["doubleWord"] = hex(doubleWord) }
        return object
    }
}
