/// Where an address lands in the OCTOSPI flash.
package struct OctoSPILocation: Equatable, Sendable {
    package let address: UInt32
    package let sector: Int
    package let sectorAddress: UInt32
    package let sectorSize: UInt32
    package let block: Int
    package let blockAddress: UInt32
    package let blockSize: UInt32
    package let pageAddress: UInt32
    package let pageSize: UInt32

    /// Locates an address in a NOR flash of the given geometry mapped at 0x9000_0000.
    package static func locate(_ address: UInt32, geometry: NORGeometry) throws(LocateError) -> OctoSPILocation {
        guard FlashRegion.of(address) == .ospi else {
            throw LocateError(address: address, reason: "not in the OCTOSPI window (0x90000000–0x9FFFFFFF)")
        }
        let offset = address - FlashRegion.ospiBase
        guard offset < geometry.size else {
            throw LocateError(
                address: address,
                reason: "past the end of the \(geometry.size >> 20) MiB OCTOSPI flash, "
                    + "which ends at \(hex(FlashRegion.ospiBase + geometry.size - 1))")
        }
        return OctoSPILocation(
            address: address, sector: Int(offset / geometry.sectorSize),
            sectorAddress: address - offset % geometry.sectorSize, sectorSize: geometry.sectorSize,
            block: Int(offset / geometry.blockSize), blockAddress: address - offset % geometry.blockSize,
            blockSize: geometry.blockSize, pageAddress: address - offset % geometry.pageSize,
            pageSize: geometry.pageSize)
    }
}
