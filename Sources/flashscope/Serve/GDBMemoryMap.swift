import DebugPort
import FlashCore
import GDBRemote

/// The memory map gdb gets: the flash as the option bytes in force lay it out (DBANK=1: one
/// region per bank of 2 KiB blocks; DBANK=0: one region of 4 KiB blocks; debug-port.md §7),
/// the secure alias too when TrustZone is on, the OTP area, the OCTOSPI flash with its sector
/// size, SRAM as ram, and the peripheral and system windows as ram so `x/` reaches registers.
enum GDBMemoryMap {
    static let peripherals = MemoryMap.Region(.ram, start: 0x4000_0000, length: 0x2000_0000)
    static let privatePeripherals = MemoryMap.Region(.ram, start: 0xE000_0000, length: 0x2000_0000)

    static func make(_ machine: Machine) -> MemoryMap {
        let layout = machine.layout
        var regions: [MemoryMap.Region] = []
        var aliases = [FlashLayout.nonSecureBase]
        if machine.controller.effective.trustZone { aliases.append(FlashLayout.secureBase) }
        for alias in aliases {
            for range in layout.addressRanges {
                let start = alias + FlashLayout.offset(range.lowerBound)
                regions.append(.init(.flash(blockSize: layout.pageSize), start: start, length: layout.bankSize))
            }
        }
        // OTP is programmed a double word at a time and never erased: one block of its whole size.
        regions.append(
            .init(.flash(blockSize: SystemArea.otpSize), start: SystemArea.otpBase, length: SystemArea.otpSize))
        let afterOTP = SystemArea.otpBase + SystemArea.otpSize
        regions.append(.init(.rom, start: afterOTP, length: UInt32(SystemArea.systemEnd) - afterOTP))
        if let ospi = machine.ospi {
            let geometry = ospi.flash.geometry
            regions.append(
                .init(.flash(blockSize: geometry.sectorSize), start: FlashRegion.ospiBase, length: geometry.size))
        }
        regions.append(.init(.ram, start: SRAM.base, length: SRAM.size))
        regions.append(.init(.ram, start: SRAM.secureBase, length: SRAM.size))
        regions += [peripherals, privatePeripherals]
        return MemoryMap(regions: regions)
    }
}
