import Foundation

/// Reads the algorithms in a file: a CMSIS-Pack `.FLM` (an ELF file) or a probe-rs target
/// description (YAML), told apart by content.
public enum AlgorithmFile {
    public static func load(_ path: String) throws(AlgorithmFileError) -> [VendorAlgorithm] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AlgorithmFileError(file: path, reason: "cannot be opened", cannotOpen: true)
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            return [try FLMReader.read(bytes, file: path)]
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AlgorithmFileError(file: path, reason: "neither an ELF (.FLM) file nor UTF-8 YAML")
        }
        return try ProbeRsTargetReader.read(text, file: path)
    }

    /// The algorithm to use: the one named, or the only one, or the only one covering `address`.
    public static func select(_ algorithms: [VendorAlgorithm], name: String?, covering address: UInt32?,
                              file: String) throws(AlgorithmFileError) -> VendorAlgorithm {
        let names = algorithms.map(\.name).joined(separator: ", ")
        if let name {
            guard let found = algorithms.first(where: { $0.name == name }) else {
                throw AlgorithmFileError(file: file, reason: "no algorithm named '\(name)' (the file has: \(names))")
            }
            return found
        }
        if algorithms.count == 1, let only = algorithms.first { return only }
        if let address {
            let covering = algorithms.filter { $0.addressRange.contains(address) }
            if covering.count == 1, let only = covering.first { return only }
        }
        throw AlgorithmFileError(file: file, reason: "give --algorithm-name (the file has: \(names))")
    }
}
