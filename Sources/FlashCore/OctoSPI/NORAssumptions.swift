/// The OCTOSPI and MX25LM51245G facts the reference marks [U], each an explicit, switchable choice.
/// They live in `ModelAssumptions.ospi`, so `info` and `assume` show and change them by name.
package struct NORAssumptions: Equatable, Hashable, Sendable {
    /// What a page program does with bytes past the end of its 256-byte page.
    package enum PageOverflow: String, CaseIterable, Sendable {
        /// The address wraps to the start of the same page; of more than 256 bytes only the last 256 are kept.
        case wrap
        /// The address carries on into the next page.
        case cross
    }

    /// Whether CR2 @0x4000_0000 (DEFSOPI/DEFDOPI) survives a power cycle.
    package enum DefaultModeStorage: String, CaseIterable, Sendable {
        case nonvolatile
        case volatile
    }

    /// Which figures of the timing table (reference §1.4) hold WIP.
    package enum Timing: String, CaseIterable, Sendable {
        case typical
        case maximum
    }

    /// What RDSFDP answers.
    package enum SFDP: String, CaseIterable, Sendable {
        /// What a current part answers (reference §8): SFDP 1.8, five headers, erase 0x20/0xD8.
        case current
        /// The same headers, every parameter 0xFF (mbed's note on old octaflash silicon).
        case blankParameters = "blank-parameters"

        /// Device files written before revision 1.8 was modelled name the current table `minimal`.
        package init?(rawValue: String) {
            switch rawValue {
            case "current", "minimal": self = .current
            case "blank-parameters": self = .blankParameters
            default: return nil
            }
        }
    }

    /// How a one-byte register (SR, CR, CR2, SCUR) or the ID comes out in DTR, two bytes per clock.
    package enum DTRRegisterOutput: String, CaseIterable, Sendable {
        /// Bytes in order, a one-byte register repeated (as continuous RDSR in SPI).
        case inOrder = "in-order"
        /// Each byte twice (D0 D0 D1 D1).
        case doubled
    }

    /// What the controller reads when the flash does not drive the bus (an ignored read).
    package enum UndrivenBus: String, CaseIterable, Sendable {
        case ones
        case zeros
    }

    /// CR2 @0x300 dummy cycles at power-on.
    package enum PowerOnDummyCycles: String, CaseIterable, Sendable {
        /// DC=000.
        case twenty = "20"
        /// DC=111.
        case six = "6"
    }

    /// OCTOSPI FIFO depth in bytes.
    package enum FIFODepth: String, CaseIterable, Sendable {
        case thirtyTwo = "32"
        case sixteen = "16"

        package var bytes: Int { self == .thirtyTwo ? 32 : 16 }
    }

    /// What an access to the memory-mapped window does while FMODE is not memory-mapped.
    package enum IdleWindowAccess: String, CaseIterable, Sendable {
        /// The AHB access is refused: the core takes a bus fault.
        case busFault = "bus-fault"
        /// Reads return zero, writes are dropped.
        case readsZero = "reads-zero"
    }

    package var pageOverflow: PageOverflow = .wrap
    package var defaultModeStorage: DefaultModeStorage = .nonvolatile
    package var timing: Timing = .typical
    package var sfdp: SFDP = .current
    package var dtrRegisterOutput: DTRRegisterOutput = .inOrder
    package var undrivenBus: UndrivenBus = .ones
    package var powerOnDummyCycles: PowerOnDummyCycles = .twenty
    package var fifoDepth: FIFODepth = .thirtyTwo
    package var idleWindowAccess: IdleWindowAccess = .busFault

    package init() {}

    package static let defaults = NORAssumptions()
}
