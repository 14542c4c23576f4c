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
        let (part, octoSPIAnswers) = try self.part(memory, identity: identity, chosen: chosenPart)
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
            inAddressOrder = try readRange(
                memory, from: FlashLayout.nonSecureBase, count: Int(part.flashSize), unreadable: &snapshot.unreadable,
                counted)
        }
        let layout = FlashLayout(part: part, options: identity.options, assumptions: state.assumptions)
        place(inAddressOrder, at: FlashLayout.nonSecureBase, into: &state, layout: layout)
        state.otp = try readRange(
            memory, from: SystemArea.otpBase, count: Int(SystemArea.otpSize), unreadable: &snapshot.unreadable, counted)
        if let uid = try readUID(memory, unreadable: &snapshot.unreadable) { state.uid = uid }
        if ospiLength > 0 {
            let bytes = try readRange(
                memory, from: FlashRegion.ospiBase, count: ospiLength, unreadable: &snapshot.unreadable, counted)
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

    /// The part (`chosen`, else what the board's answers tell) and whether the OCTOSPI window answered;
    /// a chosen part must have the flash size FLASH_SIZE reports.
    package static func part(_ memory: any ChipMemory, identity: ChipIdentity, chosen: Part?) throws(AttachError)
        -> (Part, octoSPIAnswers: Bool)
    {
        let octoSPIAnswers = (try? memory.readMemory(FlashRegion.ospiBase, count: 4)) != nil
        let part = chosen ?? identity.part(octoSPIAnswers: octoSPIAnswers)
        guard UInt32(part.flashSizeKiB) == identity.flashSizeKiB else {
            throw .partMismatch(part, identity.flashSizeKiB)
        }
        return (part, octoSPIAnswers)
    }

    /// The 96-bit unique ID; nil (and the range listed) when the server refuses it.
    package static func readUID(_ memory: any ChipMemory, unreadable: inout [AddressRange]) throws(AttachError)
        -> DeviceUID?
    {
        let start = SystemInfoRegister.uid(0).address
        do {
            return DeviceUID(bytes: try memory.readMemory(start, count: 12))
        } catch {
            guard case .serverError = error else { throw .connection(error) }
            unreadable.append(AddressRange(from: start, to: start + 11))
            return nil
        }
    }

    /// Puts bytes read in address order from `address` (the non-secure alias of the embedded flash)
    /// at their physical offsets under `layout`: with SWAP_BANK the second bank's addresses hold
    /// the first physical bank.
    package static func place(_ bytes: [UInt8], at address: UInt32, into state: inout DeviceState, layout: FlashLayout)
    {
        let end = UInt64(address) + UInt64(bytes.count)
        for page in layout.pages
        where UInt64(page.address) < end && UInt64(page.address) + UInt64(page.size) > UInt64(address) {
            let from = max(page.address, address)
            let to = UInt32(min(UInt64(page.address) + UInt64(page.size), end))
            let physical = Int(page.physicalOffset + (from - page.address))
            let count = min(Int(to - from), state.flash.count - physical)
            guard count > 0 else { continue }
            let start = Int(from - address)
            state.flash.replaceSubrange(physical..<(physical + count), with: bytes[start..<(start + count)])
        }
    }

    /// Reads a range a step at a time; a step the server refuses reads as erased and is added to
    /// `unreadable` (merged with the range before it when they touch).
    package static func readRange(
        _ memory: any ChipMemory, from address: UInt32, count: Int, unreadable: inout [AddressRange],
        _ counted: (Int) -> Void = { _ in }
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
