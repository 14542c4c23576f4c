import FlashCore
import Foundation

/// Builds the JSON documents commands print with `--json`. Addresses are strings like "0x08040800".
enum JSONOutput {
    static func string(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    static func print(_ object: Any) {
        Swift.print(string(object))
    }

    static func result(_ result: OperationResult) -> [String: Any] {
        var object: [String: Any] = [
            "kind": result.kind.rawValue,
            "status": result.succeeded ? "ok" : "error",
            "algorithm": result.algorithm,
            "predicted": result.predicted,
            "erased": result.erased.map { page -> [String: Any] in
                if page.region == .ospi {
                    return ["region": "ospi", "pageAddress": hex(page.pageAddress), "pageSize": Int(page.pageSize),
                            page.pageSize == 0x1000 ? "sector" : "block": page.pnb, "command": page.command]
                }
                var object: [String: Any] = [
                    "region": "flash", "pageAddress": hex(page.pageAddress), "pnb": page.pnb, "bker": page.bker,
                    "pageSize": Int(page.pageSize), "physicalBank": page.physicalBank, "command": page.command,
                ]
                if let sentPNB = page.sentPNB, let sentBKER = page.sentBKER {
                    object["sent"] = ["pnb": sentPNB, "bker": sentBKER]
                }
                return object
            },
            "optionChanges": result.optionChanges.map { change -> [String: Any] in
                ["field": change.field, "before": Int(change.before), "after": Int(change.after), "staged": change.staged]
            },
            "bytesPreserved": result.bytesPreserved,
            "errors": result.errors.map { error in
                ["flag": error.flag, "address": hex(error.address), "explanation": error.explanation]
            },
            "collateral": result.collateral.map(range),
            "collateralBytes": Int(result.collateralBytes),
            "bytesProgrammed": result.bytesProgrammed,
            "deviceTimeNs": Int(result.deviceTime),
            "failedCalls": result.failedCalls,
            "accesses": result.accesses,
        ]
        if let mismatches = result.verifyMismatches {
            object["verifyMismatches"] = mismatches.map(range)
        }
        return object
    }

    static func range(_ range: AddressRange) -> [String: String] {
        ["from": hex(range.from), "to": hex(range.to)]
    }

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
        return object
    }

    static func location(_ location: FlashLocation) -> [String: Any] {
        ["address": hex(location.address), "region": "flash", "alias": location.alias.rawValue,
         "bank": location.bank, "physicalBank": location.physicalBank, "pnb": location.pnb, "bker": location.bker,
         "pageSize": Int(location.pageSize), "pageAddress": hex(location.pageAddress)]
    }
}
