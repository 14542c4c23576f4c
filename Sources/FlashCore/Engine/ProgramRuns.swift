/// Which double words of a sector buffer to program, and in which ProgramPage calls.
///
/// A double word is programmed when the image covers any of its bytes, or when it holds data
/// to put back (programming with preserve). The rest stay erased: on the L5 an all-ones double
/// word that is programmed is not erased any more (it carries its ECC), so it is never sent.
package enum ProgramRuns {
    package static let doubleWord = 8

    /// Offsets into the buffer of the runs to program, each inside one page of `pageSize`
    /// bytes counted from the buffer's start.
    package static func runs(buffer: [UInt8], fromImage: [Bool], keepsData: Bool, pageSize: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        var offset = 0
        func close(at end: Int) {
            if let open = start { runs.append(open..<end) }
            start = nil
        }
        while offset < buffer.count {
            let end = min(offset + doubleWord, buffer.count)
            let wanted = (offset..<end).contains { fromImage[$0] || (keepsData && buffer[$0] != 0xFF) }
            if pageSize > 0 && offset % pageSize == 0 { close(at: offset) }
            if wanted {
                if start == nil { start = offset }
            } else {
                close(at: offset)
            }
            offset = end
        }
        close(at: buffer.count)
        return runs
    }

    /// Writes the image's bytes over `buffer` (a sector's contents from `start`) and says which
    /// bytes came from the image.
    package static func overlay(_ image: MemoryImage, onto buffer: inout [UInt8], at start: UInt32) -> [Bool] {
        var fromImage = [Bool](repeating: false, count: buffer.count)
        for segment in image.clipped(to: start, end: UInt64(start) + UInt64(buffer.count)).segments {
            let offset = Int(segment.address - start)
            buffer.replaceSubrange(offset..<offset + segment.bytes.count, with: segment.bytes)
            for position in offset..<offset + segment.bytes.count { fromImage[position] = true }
        }
        return fromImage
    }
}
