import FlashCore

/// The System Control Space at 0xE000E000 on the bus: the core's identification, reset
/// control and debug registers (debug-port.md §5), and its CoreSight identity.
package final class SystemControlSpace: RegisterBlockTarget {
    package static let size: UInt32 = 0x1000
    static let identity = CoreSightIdentity(
        partNumber: 0xD21, designer: CoreSightIdentity.armDesigner, revision: 0, componentClass: 0xE)

    private let core: CortexM33
    /// Whether secure debug is possible (TZEN=1 and RDP allows it): S_SDE, DSCSR, DAUTHSTATUS.
    private let secureDebug: () -> Bool
    /// Whether the Security Extension is enabled (TZEN=1).
    private let securityExtension: () -> Bool
    /// A keyed SYSRESETREQ: the target resets the whole system, the core with it.
    private let requestSystemReset: () -> Void

    package init(
        core: CortexM33, secureDebug: @escaping () -> Bool, securityExtension: @escaping () -> Bool,
        requestSystemReset: @escaping () -> Void
    ) {
        self.core = core
        self.secureDebug = secureDebug
        self.securityExtension = securityExtension
        self.requestSystemReset = requestSystemReset
    }

    override package func readRegister(at offset: UInt32, window: Int) -> Result<UInt32, BusFault> {
        if offset == SystemControlRegister.haltControl.rawValue {
            return .success(core.readHaltControl(secureDebug: secureDebug()))
        }
        return .success(currentRegister(at: offset, window: window))
    }

    override package func currentRegister(at offset: UInt32, window: Int) -> UInt32 {
        if let identity = Self.identity.register(at: offset) { return identity }
        switch SystemControlRegister(rawValue: offset) {
        case .cpuIdentification: return SystemControlRegister.cpuid
        case .interruptControl: return 0
        case .vectorTableOffset: return core.vectorTableOffset
        case .resetControl: return ResetControlField.key.inserting(ResetControlField.keyStatus, into: 0)
        case .debugFaultStatus: return core.haltReason
        case .coprocessorAccess: return core.coprocessorAccess
        case .haltControl: return core.peekHaltControl(secureDebug: secureDebug())
        case .registerSelect: return 0
        case .registerData: return core.registerData
        case .exceptionMonitor: return core.exceptionMonitor
        // CDS (bit 16): the core is in secure state; with TZEN=1 it leaves reset secure.
        case .securityControl: return securityExtension() ? 1 << 16 : 0
        case .mediaFeature0: return SystemControlRegister.mvfr0
        case .mediaFeature1: return SystemControlRegister.mvfr1
        case .mediaFeature2: return SystemControlRegister.mvfr2
        case .authenticationStatus: return authenticationStatus
        case nil: return 0
        }
    }

    /// DAUTHSTATUS: non-secure invasive and non-invasive debug implemented and allowed (NSID,
    /// NSNID = 0b11); secure debug (SID, SNID) implemented only with the Security Extension, allowed per `secureDebug`.
    private var authenticationStatus: UInt32 {
        let nonSecure: UInt32 = 0b11 | 0b11 << 2
        guard securityExtension() else { return nonSecure }
        let secure: UInt32 = secureDebug() ? 0b11 : 0b10
        return nonSecure | secure << 4 | secure << 6
    }

    override package func writeRegister(_ value: UInt32, at offset: UInt32, window: Int) -> Result<Void, BusFault> {
        switch SystemControlRegister(rawValue: offset) {
        case .haltControl: core.writeHaltControl(value)
        case .registerSelect: core.writeRegisterSelect(value)
        case .registerData: core.registerData = value
        case .exceptionMonitor: core.writeExceptionMonitor(value)
        case .debugFaultStatus: core.writeHaltReason(value)
        case .vectorTableOffset: core.vectorTableOffset = value & ~0x7F
        case .coprocessorAccess: core.coprocessorAccess = value
        case .resetControl:
            if ResetControlField.key.value(in: value) == ResetControlField.keyValue,
                ResetControlField.systemResetRequest.value(in: value) != 0
            {
                requestSystemReset()
            }
        case .cpuIdentification, .interruptControl, .securityControl, .mediaFeature0, .mediaFeature1, .mediaFeature2,
            .authenticationStatus, nil:
            break
        }
        return .success(())
    }

    override package func regionName(window: Int) -> String { "SCS" }
}
