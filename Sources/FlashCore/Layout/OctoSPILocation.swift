/// Where an address lands in the OCTOSPI flash.
public struct OctoSPILocation: Equatable, Sendable {
    public let address: UInt32
    public let sector: Int
    public let sectorAddress: UInt32
    public let sectorSize: UInt32
    public let block: Int
    public let blockAddress: UInt32
    public let blockSize: UInt32
    public let pageAddress: UInt32
    public let pageSize: UInt32

    /// Locates an address in a NOR flash of the given geometry mapped at 0x9000_0000.
    public static func locate(_ address: UInt32, geometry: NORGeometry) throws(LocateError) -> OctoSPILocation {
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
