/// The two aliases of the embedded flash: every address in 0x0C00_0000 names the same byte as
/// its twin in 0x0800_0000, and the engine plans with one alias at a time.
extension FlashEngine {
    /// The address in the flash alias the algorithm is for (its range may be the secure 0x0C00_0000 one).
    func alias(_ address: UInt32, like algorithm: any FlashAlgorithm) -> UInt32 {
        let base = algorithm.addressRange.lowerBound
        guard FlashLayout.isFlashWindow(address), FlashLayout.isFlashWindow(base) else { return address }
        return FlashLayout.offset(address) | (base & ~(FlashLayout.windowSize - 1))
    }

    /// An image's flash part moved into the algorithm's alias, so its sectors are found.
    /// Bytes given at both twins of one address are refused: they name the same flash.
    func image(_ image: MemoryImage, inAliasOf algorithm: any FlashAlgorithm) throws(EngineError) -> MemoryImage {
        var moved = MemoryImage()
        moved.startAddress = image.startAddress
        for segment in image.segments {
            let address = alias(segment.address, like: algorithm)
            do { try moved.insert(segment.bytes, at: address) } catch {
                let offset = FlashLayout.offset(error.address)
                throw .outsideFlash(
                    LocateError(
                        address: segment.address,
                        reason: "the image gives bytes for both \(hex(FlashLayout.nonSecureBase | offset)) and "
                            + "\(hex(FlashLayout.secureBase | offset)), which are the same flash"))
            }
        }
        return moved
    }

    /// With TrustZone off the secure alias may answer nothing (assumption secure-alias-without-tz):
    /// then an address there is refused before anything reaches the device.
    func checkAliasAnswers(_ address: UInt32) throws(EngineError) {
        guard (FlashLayout.secureBase..<FlashLayout.secureBase + FlashLayout.windowSize).contains(address),
            !machine.controller.secureAliasAnswers
        else { return }
        throw .outsideFlash(
            LocateError(
                address: address,
                reason: "the secure alias answers only with TrustZone on (TZEN=1); with TZEN=0 this flash is at "
                    + "\(hex(FlashLayout.nonSecureTwin(address))) (assumption secure-alias-without-tz=bus-error)"))
    }
}
