import FlashCore
import GDBRemote

/// A board read through a GDB server into the state a device file keeps: the part, the option
/// registers (effective and pending alike: the chip shows one set), both banks in physical
/// order, OTP, UID and, when the board maps it, the OCTOSPI flash. What could not be read is
/// listed in `unreadable` and holds erased bytes in the state.
package struct BoardSnapshot {
    package let identity: ChipIdentity
    package var state: DeviceState
    /// Ranges the server refused to read (readout protection), in address order.
    package var unreadable: [AddressRange] = []
    /// Whether the OCTOSPI window at 0x90000000 answered a read.
    package var octoSPIAnswered = false
    /// Bytes of the OCTOSPI flash read (the rest of the snapshot's NOR flash is taken as erased).
    package var octoSPIRead = 0

    /// The size of one read request: progress moves at this step.
    package static let step = 0x1000

    /// Reads everything; `progress(done, total)` hears each step.
    package static func read(
        _ memory: any ChipMemory, identity: ChipIdentity, part chosenPart: Part? = nil, octoSPILength: Int,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws(AttachError) -> BoardSnapshot {
        let octoSPIAnswers = (try? memory.readMemory(FlashRegion.ospiBase, count: 4)) != nil
        let part = chosenPart ?? identity.part(octoSPIAnswers: octoSPIAnswers)
        guard UInt32(part.flashSizeKiB) == identity.flashSizeKiB else {
            throw .partMismatch(part, identity.flashSizeKiB)
        }
        var state = DeviceState(part: part, effective: identity.options, pending: identity.options)
        var snapshot = BoardSnapshot(identity: identity, state: state)
        snapshot.octoSPIAnswered = octoSPIAnswers
        let ospiLength = part.hasOctoSPIFlash ? min(octoSPILength, Int(MX25LM51245G.geometry.size)) : 0
        let total = Int(part.flashSize) + Int(SystemArea.otpSize) + ospiLength
        var done = 0
        func counted(_ count: Int) {
            done += count
            progress(done, total)
        }

        // At RDP level 1 or 2 the flash answers only code running from it (reference §8): the
        // debugger would read bus errors, or the zeros a server such as OpenOCD puts in their place.
        let inAddressOrder: [UInt8]
        if identity.readout.blocksFlashFromOutside {
            let end = FlashLayout.nonSecureBase + part.flashSize - 1
            snapshot.unreadable.append(AddressRange(from: FlashLayout.nonSecureBase, to: end))
            inAddressOrder = [UInt8](repeating: 0xFF, count: Int(part.flashSize))
            counted(Int(part.flashSize))
        } else {
            inAddressOrder = try snapshot.readRange(
                memory, from: FlashLayout.nonSecureBase, count: Int(part.flashSize), counted)
        }
        let layout = FlashLayout(part: part, options: identity.options, assumptions: state.assumptions)
        for page in layout.pages {
            let start = Int(page.address - FlashLayout.nonSecureBase)
            let physical = Int(page.physicalOffset)
            let count = min(Int(page.size), inAddressOrder.count - start, state.flash.count - physical)
            guard count > 0 else { continue }
            state.flash.replaceSubrange(physical..<(physical + count), with: inAddressOrder[start..<(start + count)])
        }
        state.otp = try snapshot.readRange(memory, from: SystemArea.otpBase, count: Int(SystemArea.otpSize), counted)
        do {
            let uid = try memory.readMemory(SystemInfoRegister.uid(0).address, count: 12)
            if let value = DeviceUID(bytes: uid) { state.uid = value }
        } catch {
            if case .serverError = error {
                let start = SystemInfoRegister.uid(0).address
                snapshot.unreadable.append(AddressRange(from: start, to: start + 11))
            } else {
                throw .connection(error)
            }
        }
        if ospiLength > 0 {
            let bytes = try snapshot.readRange(memory, from: FlashRegion.ospiBase, count: ospiLength, counted)
            snapshot.octoSPIRead = ospiLength
            let sectorSize = Int(MX25LM51245G.geometry.sectorSize)
            var sectors: [UInt32: [UInt8]] = [:]
            for start in stride(from: 0, to: bytes.count, by: sectorSize) {
                var sector = Array(bytes[start..<min(start + sectorSize, bytes.count)])
                if sector.count < sectorSize { sector += [UInt8](repeating: 0xFF, count: sectorSize - sector.count) }
                if !sector.allSatisfy({ $0 == 0xFF }) { sectors[UInt32(start)] = sector }
            }
            state.ospi = NORPersistentState(sectors: sectors, nonVolatile: state.ospi?.nonVolatile ?? [:])
        }
        snapshot.state = state
        return snapshot
    }

    /// Reads a range a step at a time; a step the server refuses reads as erased and is listed.
    private mutating func readRange(
        _ memory: any ChipMemory, from address: UInt32, count: Int, _ counted: (Int) -> Void
    ) throws(AttachError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let at = address + UInt32(out.count)
            let length = min(Self.step, count - out.count)
            do {
                out += try memory.readMemory(at, count: length)
            } catch {
                guard case .serverError = error else { throw .connection(error) }
                out += [UInt8](repeating: 0xFF, count: length)
                let end = at + UInt32(length - 1)
                if let last = unreadable.last, UInt64(last.to) + 1 == UInt64(at) {
                    unreadable[unreadable.count - 1].to = end
                } else {
                    unreadable.append(AddressRange(from: at, to: end))
                }
            }
            counted(length)
        }
        return out
    }
}
