import FlashCore

/// The chip the UI serves to debug clients (`tui --remote-bitbang/--gdb`), as the screen shows it:
/// the listeners, the clients on them, and the served chip as the serving side last showed it.
package struct ServedView: Sendable, Equatable {
    /// `remote-bitbang 127.0.0.1:5555`, one per listener.
    package var listeners: [String]
    /// `remote-bitbang client 127.0.0.1:40312`, one per connected client.
    package var clients: [String] = []
    /// The user asked (`t`) to hold the client at each flash-controller access.
    package var holding = false
    package var snapshot: ClientSnapshot?

    package init(listeners: [String]) {
        self.listeners = listeners
    }

    /// A client waits for the answer to a flash-controller access until the user lets it go on.
    package var isHeld: Bool { snapshot?.held == true }
}

/// The served chip's flash registers and last access at one moment, captured on the serving thread.
package struct ClientSnapshot: Sendable, Equatable {
    /// Bus accesses served so far (the client's and the emulated core's).
    package var accesses: Int
    package var lastAccess: RenderedTraceEntry?
    package var registers: [RegisterRow]
    /// The access is being held: the client gets its answer when the user steps or continues.
    package var held: Bool

    package init(accesses: Int, lastAccess: RenderedTraceEntry?, registers: [RegisterRow], held: Bool) {
        self.accesses = accesses
        self.lastAccess = lastAccess
        self.registers = registers
        self.held = held
    }

    /// The flash-controller registers shown: the non-secure ones, and the secure ones when TrustZone is on.
    static func registerNames(secure: Bool) -> [String] {
        StepSession.flashRegisterNames + (secure ? ["SECKEYR", "SECCR", "SECSR"] : [])
    }

    /// Reads the registers without side effects. Key registers read as zero, so they show the
    /// last key written (`keys`, by register name); `previous` marks the fields that changed.
    package static func capture(
        _ machine: Machine, accesses: Int, held: Bool, keys: [String: UInt32], previous: [String: UInt32]
    ) -> ClientSnapshot {
        let secure = machine.controller.effective.trustZone
        let rows = registerNames(secure: secure).compactMap { name -> RegisterRow? in
            guard let register = machine.peekRegister(named: name) else { return nil }
            if name.hasSuffix("KEYR") {
                return RegisterRow.keyRegister(named: name, lastKey: keys[name] ?? 0, previous: previous[name])
            }
            return RegisterRow(spec: register.spec, value: register.value, previous: previous[name])
        }
        let last = machine.trace.entries(limit: 1).last.map(machine.render)
        return ClientSnapshot(accesses: accesses, lastAccess: last, registers: rows, held: held)
    }
}

/// What the serving side tells the screen; posted to the runner's mailbox from its thread.
package enum ServedEvent: Sendable {
    /// A client connected (named as its listener names it).
    case connected(String)
    case left(String, reason: String)
    /// A line the server logs (what `serve` prints on standard error).
    case log(String)
    /// The served chip now: its device state (the maps follow it) and its registers.
    case changed(DeviceState, ClientSnapshot)
}

/// What the runner asks of the serving side; called from the UI thread.
package protocol ClientControl: AnyObject, Sendable {
    /// Hold the client at each flash-controller access from now on, or let it run (releasing a held one).
    func setHolding(_ on: Bool)
    /// Let a held client make its next access (it is held again at the following one).
    func releaseHeldAccess()
}
