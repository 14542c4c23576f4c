import FlashCore
import Foundation

/// Builds the JSON documents commands print with `--json`. Addresses are strings like "0x08040800".
enum JSONOutput {
    static func string(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text
    }

    static func print(_ object: Any) {
        Swift.print(string(object))
    }

    /// A value the core encodes (results, locations, ranges) as a JSON object to print or nest.
    static func object(_ value: some Encodable) -> Any {
        guard let data = try? JSONEncoder().encode(value), let object = try? JSONSerialization.jsonObject(with: data)
        else {
            return [String: Any]()
        }
        return object
    }

    static func result(_ result: OperationResult) -> Any { object(result) }

    static func range(_ range: AddressRange) -> Any { object(range) }

    static func options(_ options: OptionBytes) -> [String: Any] {
        var object: [String: Any] = [:]
        for register in OptionRegister.allCases {
            object[register.name] = hex(options[register])
        }
        var fields: [String: Int] = [:]
        for field in OptionField.optr {
            fields[field.name] = Int(options[field])
        }
        object["fields"] = fields
        var registerFields: [String: Int] = [:]
        for field in OptionField.all where field.register != .optr {
            registerFields[field.name] = Int(options[field])
        }
        object["registerFields"] = registerFields
        object["readoutProtection"] = [
            "level": options.readoutLevel.name, "rdp": OptionField.rdp.text(options[OptionField.rdp]),
        ]
        // Address fields as the addresses they hold (the register keeps bits 31:7).
        var addresses: [String: String] = [:]
        for field in OptionField.all where field.kind == .address { addresses[field.name] = field.text(options[field]) }
        object["addresses"] = addresses
        return object
    }

    static func location(_ location: FlashLocation) -> Any { object(location) }

}
