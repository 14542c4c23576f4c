import Testing
@testable import FlashCore

/// `MemoryImage` as an `ImageSource`, and the planning done on extents alone.
@Suite struct ImageSourceTests {
    private let image = MemoryImage.pieces([
        (0x0800_0000, [1, 2, 3, 4]), (0x9000_0FFE, [5, 6, 7, 8]), (0xFFFF_FFFE, [9, 10]),
    ])

    @Test func aMemoryImageHasOneExtentPerSegment() {
        #expect(
            image.extents == [
                AddressRange(from: 0x0800_0000, to: 0x0800_0003),
                AddressRange(from: 0x9000_0FFE, to: 0x9000_1001),
                AddressRange(from: 0xFFFF_FFFE, to: 0xFFFF_FFFF),
            ])
    }

    @Test func aMemoryImageHandsOutPiecesOfOneSegment() throws {
        #expect(try image.bytes(at: 0x9000_0FFF, count: 2) == [6, 7])
        #expect(try image.bytes(at: 0xFFFF_FFFF, count: 1) == [10])
        #expect(try image.bytes(at: 0x0800_0000, count: 0) == [])
    }

    @Test func aPieceOutsideTheImageIsAnError() {
        #expect(throws: ImageGapError(address: 0x0800_0002, count: 4)) { try image.bytes(at: 0x0800_0002, count: 4) }
        #expect(throws: ImageGapError(address: 0x07FF_FFFF, count: 1)) { try image.bytes(at: 0x07FF_FFFF, count: 1) }
        #expect(throws: ImageGapError(address: 0x0800_0004, count: 1)) { try image.bytes(at: 0x0800_0004, count: 1) }
    }

    @Test func materializingClipsToTheRange() throws {
        #expect(try image.materialized(end: 0x9000_0000) == MemoryImage.pieces([(0x0800_0000, [1, 2, 3, 4])]))
        #expect(try image.materialized(from: 0x9000_1000, end: 0x9000_1001) == MemoryImage.pieces([(0x9000_1000, [7])]))
        #expect(try image.materialized() == image)
    }

    @Test func extentsClipAndExcludeTheOctoSPIWindow() {
        let extents = [
            AddressRange(from: 0x8FFF_FFF0, to: 0x9000_000F), AddressRange(from: 0x9FFF_FFFF, to: 0xA000_0001),
        ]
        #expect(
            extents.clipped(to: FlashRegion.ospiBase, end: FlashRegion.ospiWindowEnd)
                == [AddressRange(from: 0x9000_0000, to: 0x9000_000F), AddressRange(from: 0x9FFF_FFFF, to: 0x9FFF_FFFF)])
        #expect(
            extents.excluding(FlashRegion.ospiBase, end: FlashRegion.ospiWindowEnd)
                == [AddressRange(from: 0x8FFF_FFF0, to: 0x8FFF_FFFF), AddressRange(from: 0xA000_0000, to: 0xA000_0001)])
        #expect(
            [AddressRange(from: 0xFFFF_FFF0, to: 0xFFFF_FFFF)].excluding(0xFFFF_FFF8, end: 0x1_0000_0000)
                == [AddressRange(from: 0xFFFF_FFF0, to: 0xFFFF_FFF7)])
    }

    @Test func coveredSectorsSplitExtentsAtSectorEdges() {
        let extents = [
            AddressRange(from: 0x9000_0F00, to: 0x9000_20FF), AddressRange(from: 0x9000_2110, to: 0x9000_2112),
            AddressRange(from: 0x9000_5000, to: 0x9000_5FFF),
        ]
        let sectors = CoveredSector.sectors(of: extents, base: 0x9000_0000, size: 0x1000)
        #expect(
            sectors == [
                CoveredSector(start: 0x9000_0000, pieces: [AddressRange(from: 0x9000_0F00, to: 0x9000_0FFF)]),
                CoveredSector(start: 0x9000_1000, pieces: [AddressRange(from: 0x9000_1000, to: 0x9000_1FFF)]),
                CoveredSector(
                    start: 0x9000_2000,
                    pieces: [
                        AddressRange(from: 0x9000_2000, to: 0x9000_20FF),
                        AddressRange(from: 0x9000_2110, to: 0x9000_2112),
                    ]),
                CoveredSector(start: 0x9000_5000, pieces: [AddressRange(from: 0x9000_5000, to: 0x9000_5FFF)]),
            ])
        #expect(sectors.map(\.coveredBytes) == [0x100, 0x1000, 0x103, 0x1000])
    }

    @Test func aRangeIsReadInPiecesUpToTheGivenSize() {
        let pieces = AddressRange(from: 0x9000_0000, to: 0x9000_0000 + 0x2_0123).pieces(of: 64 << 10)
        #expect(pieces.map(\.address) == [0x9000_0000, 0x9001_0000, 0x9002_0000])
        #expect(pieces.map(\.count) == [0x1_0000, 0x1_0000, 0x124])
        let top = Array(AddressRange(from: 0xFFFF_FFF0, to: 0xFFFF_FFFF).pieces(of: 8))
        #expect(
            top.map(\.address) == [0xFFFF_FFF0, 0xFFFF_FFF8] && top.map(\.count) == [8, 8], "no overflow at 4 GiB")
        #expect(Array(AddressRange(from: 5, to: 5).pieces(of: 4)).map(\.count) == [1])
    }

    @Test func theLastSectorOfTheAddressSpaceDoesNotOverflow() {
        let sectors = CoveredSector.sectors(
            of: [AddressRange(from: 0xFFFF_F800, to: 0xFFFF_FFFF)], base: 0x9000_0000, size: 0x1000)
        #expect(
            sectors == [CoveredSector(start: 0xFFFF_F000, pieces: [AddressRange(from: 0xFFFF_F800, to: 0xFFFF_FFFF)])])
    }
}

extension MemoryImage {
    /// A test image from (address, bytes) pairs; traps on overlap, which these tests never build.
    static func pieces(_ pieces: [(UInt32, [UInt8])]) -> MemoryImage {
        var image = MemoryImage()
        for (address, bytes) in pieces {
            do { try image.insert(bytes, at: address) } catch { preconditionFailure("test image overlaps") }
        }
        return image
    }
}
