import FlashCore

/// A vendor algorithm run unmodified on the emulated core, as a `FlashAlgorithm`, so the
/// engine plans with its declared sectors and pages and calls its entry points exactly as
/// the tool that ships it would. A call that faults returns `faultCode` and says why in
/// `failureDetail`.
public final class EmulatedFlashAlgorithm: FlashAlgorithm {
    /// What a faulting call returns (CMSIS entry points return 0 on success, anything else on failure).
    public static let faultCode: UInt32 = 0xFFFF_FFFF

    public let vendor: VendorAlgorithm
    public let emulator: Emulator
    public private(set) var lastFault: EmulatorFault?

    public init(_ vendor: VendorAlgorithm) throws(EmulatorSetupError) {
        self.vendor = vendor
        emulator = try Emulator(vendor)
    }

    public var name: String { vendor.name }
    public var addressRange: ClosedRange<UInt32> { vendor.addressRange }
    public var pageSize: UInt32 { vendor.pageSize }
    public var failureDetail: String? { lastFault?.description }

    public func sector(containing address: UInt32) -> DeclaredSector? {
        vendor.sector(containing: address)
    }

    public func initialize(bus: Bus, address: UInt32, clock: UInt32, function: AlgorithmFunction) -> UInt32 {
        // Board algorithms for the OCTOSPI flash set up clocks and pins first.
        if FlashRegion.of(vendor.start) == .ospi { BoardPeripheralStub.install(on: bus) }
        guard let offset = vendor.initOffset else { return 0 }
        return run(offset, [address, clock, function.rawValue], bus)
    }

    public func uninitialize(bus: Bus, function: AlgorithmFunction) -> UInt32 {
        guard let offset = vendor.uninitOffset else { return 0 }
        return run(offset, [function.rawValue], bus)
    }

    public func eraseSector(bus: Bus, address: UInt32) -> UInt32 {
        run(vendor.eraseSectorOffset, [address], bus)
    }

    public func programPage(bus: Bus, address: UInt32, bytes: [UInt8]) -> UInt32 {
        guard emulator.writeBuffer(bytes) else {
            lastFault = EmulatorFault(kind: .emulator("\(bytes.count) bytes do not fit the \(emulator.bufferSize)-byte page buffer"),
                                      pc: 0, address: nil, instructions: 0)
            return Self.faultCode
        }
        return run(vendor.programPageOffset, [address, UInt32(bytes.count), emulator.bufferAddress], bus)
    }

    /// EraseChip, or failure when the algorithm has none (probe-rs then erases sector by sector).
    public func eraseChip(bus: Bus) -> UInt32 {
        guard let offset = vendor.eraseChipOffset else {
            lastFault = EmulatorFault(kind: .emulator("the algorithm has no EraseChip"), pc: 0, address: nil, instructions: 0)
            return Self.faultCode
        }
        return run(offset, [], bus)
    }

    private func run(_ offset: UInt32, _ arguments: [UInt32], _ bus: Bus) -> UInt32 {
        lastFault = nil
        switch emulator.call(offset, arguments, bus: bus) {
        case .success(let code):
            return code
        case .failure(let fault):
            lastFault = fault
            return Self.faultCode
        }
    }
}
