import Foundation
import Yams

/// Reads the `flash_algorithms` of a probe-rs target description. The Node API is used
/// on purpose: the files tag enum variants (`!Nvm`, `!Arm`, ...), which typed decoding rejects.
///
/// Before the text reaches the parser it must be at most `AlgorithmLimits.maximumFileSize`
/// bytes, nest at most `YAMLPreScan.maximumDepth` levels (by a conservative scan) and use
/// no alias; after parsing, no mapping may repeat a key, and the tree may not be larger
/// than the text (`YAMLTreeCheck`, in case an alias got past the scan). Each algorithm must be within `AlgorithmLimits`.
package enum ProbeRsTargetReader {
    package static func read(_ text: String, file: String) throws(AlgorithmFileError) -> [VendorAlgorithm] {
        let size = text.utf8.count
        guard size <= AlgorithmLimits.maximumFileSize else {
            throw AlgorithmFileError(
                file: file, reason: "larger than the \(AlgorithmLimits.maximumFileSize)-byte limit for algorithm files")
        }
        if let problem = YAMLPreScan.problem(in: Array(text.utf8)) {
            throw AlgorithmFileError(file: file, reason: problem)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            // Yams's message goes on to quote the line with a caret below it; the first line says it.
            let message =
                String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "unreadable"
            throw AlgorithmFileError(file: file, reason: "not YAML: \(PrintableText.escaped(message))")
        }
        if let root, let problem = YAMLTreeCheck.problem(in: root, textSize: size) {
            throw AlgorithmFileError(file: file, reason: problem)
        }
        guard let root, let list = root["flash_algorithms"]?.sequence else {
            throw AlgorithmFileError(file: file, reason: "no flash_algorithms list (not a probe-rs target description)")
        }
        var algorithms: [VendorAlgorithm] = []
        for (index, node) in list.enumerated() {
            algorithms.append(try algorithm(node, index: index, file: file))
        }
        return algorithms
    }

    private static func algorithm(_ node: Node, index: Int, file: String) throws(AlgorithmFileError) -> VendorAlgorithm
    {
        let name = node["name"]?.string.map(PrintableText.escaped) ?? "flash_algorithms[\(index)]"
        func fail(_ reason: String) -> AlgorithmFileError {
            AlgorithmFileError(file: file, reason: "\(name): \(reason)")
        }
        func number(_ node: Node?, _ key: String) throws(AlgorithmFileError) -> UInt64 {
            guard let text = node?[key]?.string else { throw fail("missing \(key)") }
            guard let value = parseNumber(text) else {
                throw fail("\(key) is not a number: \(PrintableText.escaped(text))")
            }
            return value
        }
        func word(_ node: Node?, _ key: String) throws(AlgorithmFileError) -> UInt32 {
            let value = try number(node, key)
            guard value <= UInt64(UInt32.max) else { throw fail("\(key) does not fit 32 bits") }
            return UInt32(value)
        }
        func optionalWord(_ key: String) throws(AlgorithmFileError) -> UInt32? {
            node[key] == nil ? nil : try word(node, key)
        }
        guard let encoded = node["instructions"]?.string else { throw fail("missing instructions") }
        guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
            throw fail("instructions are not base64")
        }
        let properties = node["flash_properties"]
        let range = properties?["address_range"]
        let start = try word(range, "start")
        let end = try number(range, "end")
        guard end > UInt64(start), end <= 0x1_0000_0000 else { throw fail("address_range is empty or beyond 32 bits") }
        var sectors: [VendorAlgorithm.SectorRun] = []
        for sector in properties?["sectors"]?.sequence ?? [] {
            sectors.append(.init(size: try word(sector, "size"), address: try word(sector, "address")))
        }
        let erased = try properties?["erased_byte_value"] == nil ? 0xFF : word(properties, "erased_byte_value")
        let algorithm = VendorAlgorithm(
            name: name, summary: node["description"]?.string.map(PrintableText.escaped) ?? "", source: .probeRs,
            blob: [UInt8](data),
            loadAddress: try word(node, "load_address"),
            initOffset: try optionalWord("pc_init"), uninitOffset: try optionalWord("pc_uninit"),
            programPageOffset: try word(node, "pc_program_page"), eraseSectorOffset: try word(node, "pc_erase_sector"),
            eraseChipOffset: try optionalWord("pc_erase_all"),
            dataSectionOffset: try word(node, "data_section_offset"), start: start, end: end,
            pageSize: try word(properties, "page_size"), erasedByte: UInt8(truncatingIfNeeded: erased),
            sectors: sectors.sorted { $0.address < $1.address })
        try AlgorithmLimits.check(algorithm, file: file)
        return algorithm
    }

    /// `0x1f`, `31`, with `_` separators allowed.
    static func parseNumber(_ text: String) -> UInt64? {
        let cleaned = text.replacingOccurrences(of: "_", with: "").lowercased()
        if cleaned.hasPrefix("0x") { return UInt64(cleaned.dropFirst(2), radix: 16) }
        return UInt64(cleaned)
    }
}
