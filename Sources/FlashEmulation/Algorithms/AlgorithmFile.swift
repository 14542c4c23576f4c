import Foundation

/// Reads the algorithms in a file: a CMSIS-Pack `.FLM` (an ELF file) or a probe-rs target
/// description (YAML), told apart by content. At most `AlgorithmLimits.maximumFileSize`
/// bytes are read; a longer file is refused.
package enum AlgorithmFile {
    package static func load(_ path: String) throws(AlgorithmFileError) -> [VendorAlgorithm] {
        let data = try contents(path)
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            return [try FLMReader.read(bytes, file: path)]
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AlgorithmFileError(file: path, reason: "neither an ELF (.FLM) file nor UTF-8 YAML")
        }
        return try ProbeRsTargetReader.read(text, file: path)
    }

    private static func contents(_ path: String) throws(AlgorithmFileError) -> Data {
        let limit = AlgorithmLimits.maximumFileSize
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AlgorithmFileError(file: path, reason: "cannot be opened", cannotOpen: true)
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw AlgorithmFileError(
                file: path, reason: "cannot be read: \(error.localizedDescription)", cannotOpen: true)
        }
        guard data.count <= limit else {
            throw AlgorithmFileError(file: path, reason: "larger than the \(limit)-byte limit for algorithm files")
        }
        return data
    }

    /// The algorithm to use: the one named, or the only one, or the only one covering `address`.
    package static func select(
        _ algorithms: [VendorAlgorithm], name: String?, covering address: UInt32?,
        file: String
    ) throws(AlgorithmFileError) -> VendorAlgorithm {
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
