/// A request from gdb, parsed from a packet's payload (GDB manual, "Packets"). Anything this
/// server does not implement is `.unsupported`, answered with an empty reply as the protocol asks.
package enum Request: Equatable, Sendable {
    package enum BreakpointKind: Int, Sendable {
        case software = 0
        case hardware = 1
        case writeWatch = 2
        case readWatch = 3
        case accessWatch = 4
    }

    package enum Action: Equatable, Sendable {
        case `continue`
        case step
        /// vCont;t: stop (treated as halt).
        case stop
    }

    /// qXfer objects this server offers.
    package enum Object: String, Sendable {
        case features
        case memoryMap = "memory-map"
    }

    case supported([String])
    case startNoAck
    case haltReason
    case readRegisters
    case writeRegisters([UInt8])
    case readRegister(Int)
    case writeRegister(Int, [UInt8])
    case readMemory(address: UInt32, length: UInt32)
    case writeMemory(address: UInt32, bytes: [UInt8])
    case read(Object, annex: String, offset: UInt32, length: UInt32)
    case flashErase(address: UInt32, length: UInt32)
    case flashWrite(address: UInt32, bytes: [UInt8])
    case flashDone
    case monitor(String)
    /// c/s, with an optional address to resume at.
    case resume(Action, at: UInt32?)
    /// vCont: the first action applies (one thread).
    case resumeActions([Action])
    case vContQuery
    case insertBreakpoint(BreakpointKind, address: UInt32, kind: UInt32)
    case removeBreakpoint(BreakpointKind, address: UInt32, kind: UInt32)
    case crc(address: UInt32, length: UInt32)
    case setThread
    case currentThread
    case threadList
    case threadListEnd
    case attached
    case extendedMode
    case run
    case detach
    case kill
    /// A known packet whose arguments do not parse; the text says what was wrong.
    case malformed(String)
    case unsupported

    /// Parses one payload. Never fails: bad arguments give `.malformed`, unknown packets `.unsupported`.
    package static func parse(_ payload: [UInt8]) -> Request {
        guard let first = payload.first else { return .unsupported }
        let rest = payload.dropFirst()
        switch first {
        case UInt8(ascii: "?"): return .haltReason
        case UInt8(ascii: "g"): return payload.count == 1 ? .readRegisters : .unsupported
        case UInt8(ascii: "G"): return Hex.decode(rest).map { .writeRegisters($0) } ?? .malformed("G: not hex")
        case UInt8(ascii: "p"):
            return Hex.number(rest).map { .readRegister(Int($0)) } ?? .malformed("p: bad register number")
        case UInt8(ascii: "P"): return parseWriteRegister(rest)
        case UInt8(ascii: "m"):
            return parseRange(rest, "m").map { .readMemory(address: $0.0, length: $0.1) } ?? bad("m")
        case UInt8(ascii: "M"): return parseWrite(rest, binary: false)
        case UInt8(ascii: "X"): return parseWrite(rest, binary: true)
        case UInt8(ascii: "c"), UInt8(ascii: "s"):
            let action: Action = first == UInt8(ascii: "c") ? .continue : .step
            if rest.isEmpty { return .resume(action, at: nil) }
            return Hex.number(rest).map { .resume(action, at: $0) }
                ?? .malformed("\(Character(UnicodeScalar(first))): bad address")
        case UInt8(ascii: "Z"), UInt8(ascii: "z"): return parseBreakpoint(rest, insert: first == UInt8(ascii: "Z"))
        case UInt8(ascii: "H"): return .setThread
        case UInt8(ascii: "D"): return .detach
        case UInt8(ascii: "k"): return .kill
        case UInt8(ascii: "!"): return .extendedMode
        case UInt8(ascii: "q"), UInt8(ascii: "Q"): return parseQuery(payload)
        case UInt8(ascii: "v"): return parseVerbose(payload)
        default: return .unsupported
        }
    }

    private static func bad(_ packet: String) -> Request { .malformed("\(packet): expected ADDRESS,LENGTH in hex") }

    private static func text(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }

    /// `ADDR,LENGTH` in hex.
    private static func parseRange(_ bytes: ArraySlice<UInt8>, _ name: String) -> (UInt32, UInt32)? {
        let parts = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard parts.count == 2, let address = Hex.number(parts[0]), let length = Hex.number(parts[1]) else {
            return nil
        }
        return (address, length)
    }

    private static func parseWriteRegister(_ bytes: ArraySlice<UInt8>) -> Request {
        let parts = bytes.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Hex.number(parts[0]), let value = Hex.decode(parts[1]) else {
            return .malformed("P: expected N=VALUE in hex")
        }
        return .writeRegister(Int(number), value)
    }

    /// `M addr,length:hex` or `X addr,length:binary`; the data must be exactly `length` bytes.
    private static func parseWrite(_ bytes: ArraySlice<UInt8>, binary: Bool) -> Request {
        let name = binary ? "X" : "M"
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            let (address, length) = parseRange(bytes[bytes.startIndex..<colon], name)
        else { return .malformed("\(name): expected ADDRESS,LENGTH:DATA") }
        let data = bytes[(colon + 1)...]
        guard let decoded = binary ? Array(data) : Hex.decode(data) else { return .malformed("\(name): data not hex") }
        guard decoded.count == Int(length) else {
            return .malformed("\(name): \(decoded.count) data bytes for a length of \(length)")
        }
        return .writeMemory(address: address, bytes: decoded)
    }

    /// `Ztype,addr,kind` (conditions and commands after `;` are not supported and refused).
    private static func parseBreakpoint(_ bytes: ArraySlice<UInt8>, insert: Bool) -> Request {
        let parts = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard parts.count == 3, let type = Hex.number(parts[0]), let address = Hex.number(parts[1]),
            let kind = Hex.number(parts[2])
        else { return .malformed("Z/z: expected TYPE,ADDRESS,KIND") }
        guard let which = BreakpointKind(rawValue: Int(type)) else { return .unsupported }
        return insert
            ? .insertBreakpoint(which, address: address, kind: kind)
            : .removeBreakpoint(which, address: address, kind: kind)
    }

    private static func parseQuery(_ payload: [UInt8]) -> Request {
        let line = text(payload)
        if line.hasPrefix("qSupported") {
            let features = line.dropFirst("qSupported".count).drop { $0 == ":" }
            return .supported(features.split(separator: ";").map(String.init))
        }
        if line.hasPrefix("qRcmd,") {
            guard let bytes = Hex.decode(payload.dropFirst("qRcmd,".count)) else { return .malformed("qRcmd: not hex") }
            return .monitor(text(bytes))
        }
        if line.hasPrefix("qCRC:") {
            return parseRange(payload.dropFirst("qCRC:".count)[...], "qCRC").map { .crc(address: $0.0, length: $0.1) }
                ?? bad("qCRC")
        }
        if line.hasPrefix("qXfer:") { return parseTransfer(line) }
        switch line {
        case "QStartNoAckMode": return .startNoAck
        case "qC": return .currentThread
        case "qfThreadInfo": return .threadList
        case "qsThreadInfo": return .threadListEnd
        default: return line.hasPrefix("qAttached") ? .attached : .unsupported
        }
    }

    /// `qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH`.
    private static func parseTransfer(_ line: String) -> Request {
        let parts = line.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[2] == "read" else { return .unsupported }
        guard let object = Object(rawValue: String(parts[1])) else { return .unsupported }
        guard let (offset, length) = parseRange(Array(parts[4].utf8)[...], "qXfer") else {
            return .malformed("qXfer: expected OFFSET,LENGTH")
        }
        return .read(object, annex: String(parts[3]), offset: offset, length: length)
    }

    private static func parseVerbose(_ payload: [UInt8]) -> Request {
        let line = text(payload.prefix(32))
        if line.hasPrefix("vFlashErase:") {
            return parseRange(payload.dropFirst("vFlashErase:".count)[...], "vFlashErase").map {
                .flashErase(address: $0.0, length: $0.1)
            } ?? .malformed("vFlashErase: expected ADDRESS,LENGTH")
        }
        if line.hasPrefix("vFlashWrite:") {
            let rest = payload.dropFirst("vFlashWrite:".count)
            guard let colon = rest.firstIndex(of: UInt8(ascii: ":")), let address = Hex.number(rest[..<colon]) else {
                return .malformed("vFlashWrite: expected ADDRESS:DATA")
            }
            return .flashWrite(address: address, bytes: Array(rest[(colon + 1)...]))
        }
        if line == "vFlashDone" { return .flashDone }
        if line == "vCont?" { return .vContQuery }
        if line.hasPrefix("vCont;") { return parseActions(text(payload.prefix(256)).dropFirst("vCont;".count)) }
        if line.hasPrefix("vRun") { return .run }
        return .unsupported
    }

    /// `vCont;ACTION[:thread][;ACTION...]`: c, s, t (C/S with a signal resume likewise).
    private static func parseActions(_ text: Substring) -> Request {
        var actions: [Action] = []
        for item in text.split(separator: ";") {
            switch item.first {
            case "c", "C": actions.append(.continue)
            case "s", "S": actions.append(.step)
            case "t": actions.append(.stop)
            default: return .malformed("vCont: unknown action '\(item)'")
            }
        }
        return actions.isEmpty ? .malformed("vCont: no action") : .resumeActions(actions)
    }
}
