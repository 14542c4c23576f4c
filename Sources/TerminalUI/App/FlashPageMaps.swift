import FlashCore
import TerminalKit

/// The bank maps as they are drawn: one state per page of each logical bank, and whether any page
/// is hidden (the legend names "hidden" only then).
///
/// Working the states out reads the whole embedded flash, so they are kept in the model and
/// remade only when what they come from changes: the machine (held, so its identity cannot be
/// reused meanwhile), its flash, option bytes, assumptions and security registers, the file, or
/// what of an attached board has been read.
package struct FlashPageMaps {
    /// Page states of logical bank `index + 1`, in PNB order.
    package let banks: [[PageState]]
    package let hasHiddenPages: Bool
    private let machine: Machine
    private let inputs: Inputs

    /// What the states are worked out from, besides the machine's identity.
    private struct Inputs: Equatable {
        var flashGeneration: Int
        var effective: OptionBytes
        var assumptions: ModelAssumptions
        var securityRegisters: [UInt32]
        var file: MemoryImage?
        var boardRead: Set<UInt32>?
        var boardRefused: [AddressRange]?

        init(_ machine: Machine, file: MemoryImage?, board: AttachedView?) {
            flashGeneration = machine.controller.array.generation
            effective = machine.controller.effective
            assumptions = machine.controller.assumptions
            securityRegisters = machine.controller.securityRegisters
            self.file = file
            boardRead = board?.read
            boardRefused = board?.refused
        }
    }

    init(machine: Machine, file: MemoryImage?, board: AttachedView?) {
        banks = (1...machine.layout.bankCount).map {
            FlashPageStates.states(of: machine, bank: $0, file: file, board: board)
        }
        hasHiddenPages = FlashPageStates.hasHiddenPages(machine)
        self.machine = machine
        inputs = Inputs(machine, file: file, board: board)
    }

    func isCurrent(machine: Machine, file: MemoryImage?, board: AttachedView?) -> Bool {
        self.machine === machine && inputs == Inputs(machine, file: file, board: board)
    }
}

extension App {
    /// The bank maps of the shown machine: the model's, unless they are out of date.
    static func pageMaps(_ model: AppModel) -> FlashPageMaps {
        let machine = model.shownMachine
        let file = model.loadedFile?.image
        if let cached = model.pageMaps, cached.isCurrent(machine: machine, file: file, board: model.attached) {
            return cached
        }
        return FlashPageMaps(machine: machine, file: file, board: model.attached)
    }
}
