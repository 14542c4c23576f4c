/// The 512 bytes of one-time-programmable memory at 0x0BFA_0000 (reference §8). The flash
/// controller programs it a double word at a time; nothing erases it.
package final class OTPMemory {
    package private(set) var bytes: [UInt8]
    /// Whether a double word was programmed since the machine was built (the device file saves it then).
    package private(set) var isDirty = false

    package init(bytes: [UInt8]? = nil) {
        let size = Int(SystemArea.otpSize)
        if let bytes, bytes.count == size {
            self.bytes = bytes
        } else {
            self.bytes = [UInt8](repeating: 0xFF, count: size)
        }
    }

    package func isErased(offset: Int, count: Int) -> Bool { bytes[offset..<offset + count].allSatisfy { $0 == 0xFF } }

    /// Starts a new count of changes once the programmed double words are saved (a long-lived machine).
    package func clearDirty() { isDirty = false }

    func write(_ data: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<offset + data.count, with: data)
        isDirty = true
    }
}

/// The OTP area on the bus. Reads return its bytes; a write is a program access that the flash
/// controller takes like one to the main flash (PG, two word writes per double word).
final class OTPPort: BusTarget {
    let controller: FlashController

    init(_ controller: FlashController) { self.controller = controller }

    override func read(offset: UInt32, size: AccessSize, window: Int) -> Result<UInt32, BusFault> {
        controller.readOTP(offset: offset, size: size).map { .success($0) } ?? .failure(.unmapped)
    }

    override func write(offset: UInt32, value: UInt32, size: AccessSize, window: Int) -> Result<Void, BusFault> {
        controller.writeOTP(offset: offset, value: value, size: size)
        return .success(())
    }

    override func regionName(window: Int) -> String { "OTP" }
}
