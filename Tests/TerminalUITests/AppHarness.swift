import FlashCore

@testable import TerminalKit
@testable import TerminalUI

/// Builds app models and feeds them keys, as the runner would.
enum AppHarness {
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 200, height: 60)

    /// A factory-fresh STM32L562xE, optionally with bytes already in flash at physical offsets.
    static func state(data: [(offset: Int, bytes: [UInt8])] = []) -> DeviceState {
        var state = DeviceState.factoryFresh(.stm32l562xE)
        for (offset, bytes) in data { state.flash.replaceSubrange(offset..<offset + bytes.count, with: bytes) }
        return state
    }

    static func model(_ state: DeviceState = state(), size: Size = small) -> AppModel {
        AppModel(state: state, deviceName: "test.fsdev", size: size)
    }

    /// Each character as its key: `keys("g0x08040800")`.
    static func keys(_ text: String) -> [Key] { text.map { .char($0) } }

    /// Sends keys one by one and returns every effect they produced. An operation (or a `v`/`d`
    /// comparison) a key starts runs to its end on the spot, as the runner's executor would run it
    /// on its thread, and the effects of its finishing take the place of the start.
    @discardableResult
    static func send(_ model: inout AppModel, _ keys: [Key], offering offers: [any OfferedAlgorithm] = [])
        -> [AppEffect]
    {
        keys.flatMap { update(&model, .key($0), offering: offers) }
    }

    /// One message, with the operations it starts run to their end.
    @discardableResult
    static func update(_ model: inout AppModel, _ msg: AppMsg, offering offers: [any OfferedAlgorithm] = [])
        -> [AppEffect]
    {
        App.update(&model, msg).flatMap { effect -> [AppEffect] in
            switch effect {
            case .startOperation(let job):
                return update(&model, .operationFinished(id: job.id, job.run(offering: offers)), offering: offers)
            case .startComparison(let job):
                return update(&model, .comparisonFinished(id: job.id, job.run()), offering: offers)
            default:
                return [effect]
            }
        }
    }

    @discardableResult
    static func send(_ model: inout AppModel, _ keys: Key...) -> [AppEffect] { send(&model, keys) }

    /// Moves the cursor with the go-to prompt.
    static func goTo(_ model: inout AppModel, _ address: String) {
        send(&model, [.char("g")] + keys(address) + [.enter])
    }

    /// The operation results of the save effects.
    static func saved(_ effects: [AppEffect]) -> [OperationCommit] {
        effects.compactMap { if case .save(let commit) = $0 { commit } else { nil } }
    }
}
