import FlashCore
import TerminalKit

/// A chip the UI serves to a debug client (`tui --remote-bitbang/--gdb`): the maps and registers
/// follow the client, and the user may hold it at each flash-controller access.
extension App {
    static func served(_ model: inout AppModel, _ event: ServedEvent) {
        guard var view = model.served else { return }
        switch event {
        case .connected(let client):
            view.clients.append(client)
            model.status = StatusMessage("\(client) connected")
        case .left(let client, let reason):
            view.clients.removeAll { $0 == client }
            view.snapshot?.held = false
            model.status = StatusMessage("\(client) left: \(reason)")
        case .log(let line):
            model.keep(StatusMessage(line))
        case .changed(let state, let snapshot):
            view.snapshot = snapshot
            if state != model.machine.state { model.machine = Machine(state: state) }
            if snapshot.held, let access = snapshot.lastAccess {
                let target = access.register ?? hex(access.address)
                model.status = StatusMessage(
                    "client held after #\(access.seq) \(access.access) \(target): n next access, c continue")
            }
        }
        model.served = view
    }

    static func clientAction(_ model: inout AppModel, _ action: AppAction) -> [AppEffect] {
        guard var view = model.served else { return [] }
        defer { model.served = view }
        switch action {
        case .toggleClientHold:
            view.holding.toggle()
            if !view.holding { view.snapshot?.held = false }
            model.status = StatusMessage(
                view.holding
                    ? "holding the client at each flash-controller access (n: next, c: continue)"
                    : "the client runs freely")
            return [.holdClient(view.holding)]
        case .stepClient:
            guard view.isHeld else {
                model.status = StatusMessage("no access is held: t holds the client at the next one")
                return []
            }
            view.snapshot?.held = false
            return [.releaseClient]
        case .continueClient:
            view.holding = false
            view.snapshot?.held = false
            model.status = StatusMessage("the client runs freely")
            return [.holdClient(false)]
        default:
            return []
        }
    }

    /// Keys that would change the device: the served chip belongs to its client while it is served.
    static func refuseWhileServed(_ model: inout AppModel, _ key: Key) -> Bool {
        guard let view = model.served, AppKeys.normal.action(for: key) != nil,
            AppKeys.served.action(for: key) == nil
        else { return false }
        model.status = StatusMessage(
            "the device is served (\(view.listeners.joined(separator: ", "))): change it through the client, "
                + "or quit and open it without the listener options",
            isError: true)
        return true
    }
}
