import ArgumentParser
import FlashCore

/// How FlashScope meets a board behind a GDB server, shared by `attach` and `tui --attach`:
/// halting, resetting, the reply timeout, the part, and the risks a live operation may take.
struct AttachOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Halt a running core before reading (default: leave it running).")
    var halt = false

    @Flag(help: "Reset the chip first (`monitor reset halt`, as OpenOCD and pyOCD spell it).")
    var reset = false

    @Option(help: ArgumentHelp("Milliseconds one reply of the GDB server may take.", valueName: "ms"))
    var timeout: Int = 5000

    @Option(
        help: ArgumentHelp(
            "The part, when the board's own answer is not enough: FLASH_SIZE tells 256 from 512 KiB, and a 512 KiB "
                + "part is taken as the STM32L562xE when the OCTOSPI window answers, else the STM32L552xE.",
            valueName: "name"))
    var part: String?

    @Flag(
        name: .customLong("allow-reset"),
        help:
            "Accept that OBL_LAUNCH resets the chip: the firmware restarts, the server may lose the core for a moment.")
    var allowReset = false

    @Flag(
        name: .customLong("allow-lockout"),
        help: ArgumentHelp(
            "Accept an RDP or TZEN change on the chip: RDP level 1 shuts the debugger out of the flash (going back to "
                + "level 0 mass-erases it), level 2 is permanent, TZEN changes what the debugger may reach."))
    var allowLockout = false

    func validate() throws {
        if let part, Part.named(part) == nil {
            throw ValidationError(
                "unknown part '\(part)' (known: \(Part.catalog.map(\.name).joined(separator: ", ")))")
        }
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 ms") }
    }

    /// The part the user named, if any (validated above).
    var chosenPart: Part? { part.flatMap(Part.named) }
}
