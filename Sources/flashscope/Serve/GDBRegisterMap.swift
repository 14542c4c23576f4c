import DebugPort
import GDBRemote

/// The Cortex-M33's registers as gdb numbers them in our target description, each mapped to
/// its DCRSR selector (debug-port.md §5, §7). CONTROL, FAULTMASK, BASEPRI and PRIMASK are one
/// byte each of selector 20; gdb sees them as registers of their own. The FPU's d0-d15 are
/// 64 bits each, the pair of S registers S(2n) (low word) and S(2n+1) (high word), as gdb's
/// `org.gnu.gdb.arm.vfp` feature describes them; gdb shows s0-s31 as halves of them.
enum GDBRegisterMap {
    struct Entry {
        var name: String
        /// The selector of the register, or of its low word for a 64-bit one (the high word is the next selector).
        var selector: UInt32
        /// For the packed special registers: the byte of the selector's word (0 PRIMASK ... 3 CONTROL).
        var byte: Int?
        var type: String = "int"
        var bits: Int = 32

        var byteCount: Int { bits / 8 }
    }

    typealias S = CoreRegisters.Selector

    static let profile: [Entry] =
        (0...12).map { Entry(name: "r\($0)", selector: UInt32($0)) } + [
            Entry(name: "sp", selector: S.stackPointer, type: "data_ptr"),
            Entry(name: "lr", selector: S.linkRegister),
            Entry(name: "pc", selector: S.programCounter, type: "code_ptr"),
            Entry(name: "xpsr", selector: S.programStatus),
        ]

    static let system: [Entry] = [
        Entry(name: "msp", selector: S.mainStackPointer, type: "data_ptr"),
        Entry(name: "psp", selector: S.processStackPointer, type: "data_ptr"),
        Entry(name: "primask", selector: S.specialRegisters, byte: 0),
        Entry(name: "basepri", selector: S.specialRegisters, byte: 1),
        Entry(name: "faultmask", selector: S.specialRegisters, byte: 2),
        Entry(name: "control", selector: S.specialRegisters, byte: 3),
    ]

    /// MSP_NS, PSP_NS, MSP_S, PSP_S, MSPLIM_S, PSPLIM_S, MSPLIM_NS, PSPLIM_NS, in selector order.
    static let securityExtension: [Entry] = zip(
        ["msp_ns", "psp_ns", "msp_s", "psp_s", "msplim_s", "psplim_s", "msplim_ns", "psplim_ns"],
        S.securityExtension
    ).map { Entry(name: $0.0, selector: $0.1, type: "data_ptr") }

    /// d0-d15 (S0-S31 in pairs) and FPSCR: the single-precision FPU of the M33 (FPv5-SP, MVFR0).
    static let floatingPoint: [Entry] =
        stride(from: 0, to: S.singlePrecision.count, by: 2).map {
            Entry(
                name: "d\($0 / 2)", selector: S.singlePrecision.lowerBound + UInt32($0), type: "ieee_double", bits: 64)
        } + [Entry(name: "fpscr", selector: S.floatingStatus)]

    /// Every register, in gdb's number order (the index is the number).
    static let all = profile + system + securityExtension + floatingPoint

    static let description = TargetDescription(
        architecture: "arm",
        features: [
            feature("org.gnu.gdb.arm.m-profile", profile, from: 0),
            feature("org.gnu.gdb.arm.m-system", system, from: profile.count, group: "system"),
            feature("org.gnu.gdb.arm.secext", securityExtension, from: profile.count + system.count, group: "system"),
            feature(
                "org.gnu.gdb.arm.vfp", floatingPoint, from: profile.count + system.count + securityExtension.count,
                group: "float"),
        ])

    private static func feature(_ name: String, _ entries: [Entry], from first: Int, group: String? = nil)
        -> TargetDescription.Feature
    {
        .init(
            name,
            registers: entries.enumerated().map {
                .init(
                    $0.element.name, number: first + $0.offset, bits: $0.element.bits, type: $0.element.type,
                    group: group)
            })
    }

    /// The selector an entry reads: the banked pair MSP and PSP are (the `stack-pointer-bank`
    /// assumption, as DCRSR resolves it) is MSP/PSP themselves. gdb finds the active stack by
    /// comparing SP with them.
    static func selector(of entry: Entry, secureStack: Bool) -> UInt32 {
        CoreRegisters.aliased(entry.selector, secureStack: secureStack)
    }

    static func value(_ entry: Entry, in registers: CoreRegisters, secureStack: Bool) -> UInt32 {
        let word = registers[selector(of: entry, secureStack: secureStack)]
        guard let byte = entry.byte else { return word }
        return (word >> (8 * UInt32(byte))) & 0xFF
    }

    /// The register's bytes as `g` and `p` carry them: little-endian, low word first.
    static func bytes(_ entry: Entry, in registers: CoreRegisters, secureStack: Bool) -> [UInt8] {
        (0..<entry.byteCount / 4).flatMap { word in
            let value =
                word == 0 ? self.value(entry, in: registers, secureStack: secureStack) : registers[entry.selector + 1]
            return (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
        }
    }

    /// The selector writes that make `entry` hold `bytes` (its byte count, little-endian); nil for a wrong length.
    static func writes(
        setting entry: Entry, to bytes: ArraySlice<UInt8>, in registers: CoreRegisters, secureStack: Bool
    )
        -> [(selector: UInt32, value: UInt32)]?
    {
        guard bytes.count == entry.byteCount else { return nil }
        return (0..<entry.byteCount / 4).map { word in
            let start = bytes.startIndex + 4 * word
            let value = bytes[start..<start + 4].enumerated().reduce(UInt32(0)) {
                $0 | UInt32($1.element) << (8 * UInt32($1.offset))
            }
            if word > 0 { return (entry.selector + UInt32(word), value) }
            return (selector(of: entry, secureStack: secureStack), self.word(setting: entry, to: value, in: registers))
        }
    }

    /// The selector's new word when `entry` becomes `value` (the other bytes of a packed word kept).
    static func word(setting entry: Entry, to value: UInt32, in registers: CoreRegisters) -> UInt32 {
        guard let byte = entry.byte else { return value }
        let shift = 8 * UInt32(byte)
        return registers[entry.selector] & ~(0xFF << shift) | (value & 0xFF) << shift
    }
}
