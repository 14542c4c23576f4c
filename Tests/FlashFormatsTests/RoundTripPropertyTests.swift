import FlashCore
import FlashFormats
import PropertyBased
import Testing

/// Random sparse images survive write → read in every format.
@Suite struct RoundTripPropertyTests {
    /// 1–6 runs of 1–300 random bytes with random gaps, anywhere in the
    /// 4 GiB space (so some cross 64 KiB pages), plus a random start address.
    static let images = zip(
        zip(Gen.uint32(in: 1...0x2_0000), Gen.uint8().array(of: 1...300)).array(of: 1...6),
        Gen.uint32(in: 0...0xFF00_0000),
        Gen.uint32().optional
    ).map { (runs: [(UInt32, [UInt8])], base: UInt32, start: UInt32?) -> MemoryImage in
        var image = MemoryImage()
        var address = UInt64(base)
        for (gap, bytes) in runs {
            address += UInt64(gap)
            guard address + UInt64(bytes.count) <= 0x1_0000_0000 else { break }
            try? image.insert(bytes, at: UInt32(address))
            address += UInt64(bytes.count)
        }
        image.startAddress = start
        return image
    }

    @Test func intelHexRoundTrip() async {
        await propertyCheck(input: Self.images, Gen.element(of: [16, 32, 255])) { image, perRecord in
            let text = try FirmwareFile.encode(
                image, format: .intelHex, options: WriteOptions(bytesPerRecord: perRecord ?? 16))
            let again = try FirmwareFile.read(bytes: text, name: "p.hex")
            #expect(again == image)
        }
    }

    @Test func sRecordRoundTrip() async {
        await propertyCheck(input: Self.images, Gen.element(of: [16, 32, 250])) { image, perRecord in
            let text = try FirmwareFile.encode(
                image, format: .srecord, options: WriteOptions(bytesPerRecord: perRecord ?? 16))
            let again = try FirmwareFile.read(bytes: text, name: "p.srec")
            #expect(again.segments == image.segments)
            // S7 always carries an address; an image without one writes 0.
            #expect(again.startAddress == (image.startAddress ?? 0))
        }
    }

    /// Binary keeps no gaps: reading back gives one run equal to the flattened range.
    @Test func binaryRoundTrip() async {
        await propertyCheck(input: Self.images) { image in
            guard let bounds = image.bounds, bounds.end - UInt64(bounds.low) < 1 << 22 else { return }
            let flat = try FirmwareFile.encode(image, format: .binary)
            let again = try FirmwareFile.read(bytes: flat, name: "p.bin", baseAddress: bounds.low)
            #expect(again.bounds?.low == bounds.low)
            #expect(again.bounds?.end == bounds.end)
            for segment in image.segments {
                let offset = Int(segment.address - bounds.low)
                #expect(Array(flat[offset..<offset + segment.bytes.count]) == segment.bytes)
            }
            #expect(again.byteCount == flat.count)
        }
    }

    /// Lines may come in any order: shuffling the data records of a HEX file
    /// written with one 04 record per line pair gives the same image.
    @Test func sRecordLinesInAnyOrderGiveTheSameImage() async {
        await propertyCheck(input: Self.images) { image in
            let text = String(decoding: try FirmwareFile.encode(image, format: .srecord), as: UTF8.self)
            let lines = text.split(separator: "\n")
            let data = lines.filter { $0.hasPrefix("S3") }
            let shuffled = ["S0030000FC"] + data.reversed() + ["S70500000000FA"]
            let again = try FirmwareFile.read(bytes: Array(shuffled.joined(separator: "\n").utf8), name: "r.srec")
            #expect(again.segments == image.segments)
        }
    }
}
