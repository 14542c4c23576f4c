/// A target description document (GDB manual, "Target Descriptions"): an architecture and
/// features of registers, each with the number the `g`/`p` packets use.
package struct TargetDescription: Sendable {
    package struct Register: Sendable {
        package var name: String
        package var number: Int
        package var bits: Int
        package var type: String
        package var group: String?

        package init(_ name: String, number: Int, bits: Int = 32, type: String = "int", group: String? = nil) {
            self.name = name
            self.number = number
            self.bits = bits
            self.type = type
            self.group = group
        }
    }

    package struct Feature: Sendable {
        package var name: String
        package var registers: [Register]

        package init(_ name: String, registers: [Register]) {
            self.name = name
            self.registers = registers
        }
    }

    package var architecture: String
    package var features: [Feature]

    package init(architecture: String, features: [Feature]) {
        self.architecture = architecture
        self.features = features
    }

    package var xml: String {
        var lines = [
            "<?xml version=\"1.0\"?>", "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">", "<target version=\"1.0\">",
            "  <architecture>\(architecture)</architecture>",
        ]
        for feature in features {
            lines.append("  <feature name=\"\(feature.name)\">")
            for register in feature.registers {
                let group = register.group.map { " group=\"\($0)\"" } ?? ""
                lines.append(
                    "    <reg name=\"\(register.name)\" bitsize=\"\(register.bits)\" regnum=\"\(register.number)\""
                        + " type=\"\(register.type)\"\(group)/>")
            }
            lines.append("  </feature>")
        }
        lines.append("</target>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A memory map document (GDB manual, "Memory Map Format"): what gdb may read and write
/// plainly (ram), may not write (rom), and programs with vFlash packets (flash, one block size each).
package struct MemoryMap: Equatable, Sendable {
    package enum Kind: Equatable, Sendable {
        case ram
        case rom
        case flash(blockSize: UInt32)
    }

    package struct Region: Equatable, Sendable {
        package var kind: Kind
        package var start: UInt32
        package var length: UInt32

        package init(_ kind: Kind, start: UInt32, length: UInt32) {
            self.kind = kind
            self.start = start
            self.length = length
        }

        package var end: UInt64 { UInt64(start) + UInt64(length) }
    }

    package var regions: [Region]

    package init(regions: [Region]) { self.regions = regions.sorted { $0.start < $1.start } }

    /// The flash region holding an address.
    package func flashRegion(at address: UInt32) -> Region? {
        regions.first {
            if case .flash = $0.kind { return address >= $0.start && UInt64(address) < $0.end }
            return false
        }
    }

    package var xml: String {
        var lines = [
            "<?xml version=\"1.0\"?>",
            "<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\" "
                + "\"http://sourceware.org/gdb/gdb-memory-map.dtd\">",
            "<memory-map>",
        ]
        for region in regions {
            let place =
                "start=\"0x\(String(region.start, radix: 16))\" length=\"0x\(String(region.length, radix: 16))\""
            switch region.kind {
            case .ram: lines.append("  <memory type=\"ram\" \(place)/>")
            case .rom: lines.append("  <memory type=\"rom\" \(place)/>")
            case .flash(let block):
                lines.append("  <memory type=\"flash\" \(place)>")
                lines.append("    <property name=\"blocksize\">0x\(String(block, radix: 16))</property>")
                lines.append("  </memory>")
            }
        }
        lines.append("</memory-map>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The `qXfer` reply for a piece of a document: `m` and the bytes when more follows, `l` at the end.
package func transferReply(_ document: [UInt8], offset: UInt32, length: UInt32) -> [UInt8] {
    let start = min(Int(offset), document.count)
    let end = min(document.count, start + Int(length))
    return [UInt8(ascii: end >= document.count ? "l" : "m")] + document[start..<end]
}
