/// A range of addresses, both ends included.
package struct AddressRange: Equatable, Sendable {
    package var from: UInt32
    package var to: UInt32

    package init(from: UInt32, to: UInt32) {
        self.from = from
        self.to = to
    }

    package var count: UInt64 { UInt64(to) - UInt64(from) + 1 }
}

/// A page the operation erased, as the controller was told and as it landed.
package struct ErasedPage: Equatable, Sendable {
    /// Which flash; for the OCTOSPI flash `pnb` is the sector or block number and `bker` is 0.
    package var region: FlashRegion = .flash
    package var pageAddress: UInt32
    /// The page number and bank bit of the page that was erased (what the layout calls it).
    package var pnb: Int
    package var bker: Int
    package var pageSize: UInt32
    package var physicalBank: Int
    /// What the controller was sent: `PER PNB 0 BKER 1`, `MER1`, or the NOR command and address
    /// (`SE4B 0x00001000`). Beside `pnb`/`bker` it shows a wrong page index at a glance.
    package var command: String
    /// PNB and BKER as written to the control register, for page erases of the embedded flash.
    package var sentPNB: Int?
    package var sentBKER: Int?

    package init(
        region: FlashRegion = .flash, pageAddress: UInt32, pnb: Int, bker: Int, pageSize: UInt32, physicalBank: Int,
        command: String, sentPNB: Int? = nil, sentBKER: Int? = nil
    ) {
        self.region = region
        self.pageAddress = pageAddress
        self.pnb = pnb
        self.bker = bker
        self.pageSize = pageSize
        self.physicalBank = physicalBank
        self.command = command
        self.sentPNB = sentPNB
        self.sentBKER = sentBKER
    }

    /// Whether the controller was sent another page index than the one of the page it erased.
    package var sentOtherIndex: Bool {
        guard let sentPNB, let sentBKER else { return false }
        return sentPNB != pnb || sentBKER != bker
    }
}

/// An option field whose value an operation changed, in force or staged for OBL_LAUNCH.
package struct OptionChange: Equatable, Sendable {
    package var field: String
    package var before: UInt32
    package var after: UInt32
    /// True when the new value is pending (waits for OBL_LAUNCH); false when it is in force.
    package var staged: Bool

    package init(field: String, before: UInt32, after: UInt32, staged: Bool) {
        self.field = field
        self.before = before
        self.after = after
        self.staged = staged
    }
}

/// An error flag the device raised, with what it means here.
package struct OperationError: Equatable, Sendable {
    package var flag: String
    package var address: UInt32
    package var explanation: String
}

/// The device reset during an operation (OBL_LAUNCH) and what the reset did.
package struct DeviceReset: Equatable, Sendable {
    package var cause: ResetCause
    /// What happened besides the option bytes reloading and every register returning to its
    /// reset value (an RDP regression's mass erase, a bank-mode change).
    package var effects: [String]
    /// Where the core boots afterwards and the vector table there.
    package var boot: BootReport

    package init(cause: ResetCause, effects: [String], boot: BootReport) {
        self.cause = cause
        self.effects = effects
        self.boot = boot
    }
}

/// What an engine operation did (or, for a plan, would do).
package struct OperationResult: Equatable, Sendable {
    package enum Kind: String, Sendable {
        case erase, bankErase = "bank-erase", massErase = "mass-erase", chipErase = "chip-erase", program
        case optionBytes = "option-bytes", launch
        /// What a debug client (OpenOCD, gdb) did through `serve`, from unlock to lock or disconnect.
        case debugSession = "debug-session"
    }

    package var kind: Kind
    package var algorithm: String
    /// True when this is a prediction on a scratch copy.
    package var predicted = false
    package var erased: [ErasedPage] = []
    /// Bytes of the image written to the flash (double words, or NOR pages, the device programmed).
    package var bytesProgrammed = 0
    /// Bytes outside the image that held data and were written back (programming with preserve).
    package var bytesPreserved = 0
    /// Option fields the operation changed, in force or staged.
    package var optionChanges: [OptionChange] = []
    package var errors: [OperationError] = []
    /// Bytes outside what was asked for that held data and lost it.
    package var collateral: [AddressRange] = []
    /// Device time from the timing model, in nanoseconds.
    package var deviceTime: UInt64 = 0
    /// Entry points that returned failure, e.g. `EraseSector(0x08000800) returned 1`.
    package var failedCalls: [String] = []
    /// Addresses where verification found other bytes than asked for.
    package var verifyMismatches: [AddressRange]? = nil
    /// Bus accesses made.
    package var accesses = 0
    /// Set when the device reset during the operation (OBL_LAUNCH): whatever ran stopped there.
    package var reset: DeviceReset?

    package init(kind: Kind, algorithm: String) {
        self.kind = kind
        self.algorithm = algorithm
    }

    package var succeeded: Bool { errors.isEmpty && failedCalls.isEmpty }

    package var collateralBytes: UInt64 { changes.collateralBytes }

    /// One line for the history and the status line (`OperationChanges.summary`).
    package var summary: String { changes.summary }
}
