// Programs an image through the OCTOSPI algorithm on the model, then reads it back through the
// memory-mapped window and compares. Usage: bench-ospi [MiB] (default 64, the whole chip).
import FlashCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let pageSize = 256

/// Deterministic, mostly non-0xFF content, so every sector is really stored.
func fillPage(_ index: Int, into page: inout [UInt8]) {
    var state = UInt32(truncatingIfNeeded: index) &* 2_654_435_761 | 1
    for offset in 0..<pageSize {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        page[offset] = UInt8(truncatingIfNeeded: state)
    }
}

func fail(_ message: String) -> Never {
    print("bench-ospi: \(message)")
    exit(1)
}

func run(mebibytes: Int) -> Bool {
    let size = mebibytes << 20
    let clock = VirtualClock()
    let trace = TraceRecorder(enabled: false)
    let bus = Bus(clock: clock, trace: trace)
    let ospi = OctoSPISubsystem(clock: clock, trace: trace)
    ospi.map(into: bus)
    let algorithm = OctoSPIFlashAlgorithm()
    let base = algorithm.addressRange.lowerBound
    let host = ContinuousClock()
    var page = [UInt8](repeating: 0, count: pageSize)

    let programStart = host.now
    guard algorithm.initialize(bus: bus, address: base, clock: 0, function: .program) == 0 else { fail("initialize failed") }
    for index in 0..<size / pageSize {
        fillPage(index, into: &page)
        guard algorithm.programPage(bus: bus, address: base + UInt32(index * pageSize), bytes: page) == 0 else {
            fail("programPage failed at page \(index)")
        }
    }
    guard algorithm.uninitialize(bus: bus, function: .program) == 0 else { fail("uninitialize failed") }
    let programTime = host.now - programStart
    let programAccesses = trace.count
    let virtualTime = clock.now

    let readStart = host.now
    var mismatches = 0
    for index in 0..<size / pageSize {
        fillPage(index, into: &page)
        let address = base + UInt32(index * pageSize)
        for word in 0..<pageSize / 4 {
            let value = bus.read(address + UInt32(word * 4)) ?? 0
            let expected = UInt32(page[word * 4]) | UInt32(page[word * 4 + 1]) << 8
                | UInt32(page[word * 4 + 2]) << 16 | UInt32(page[word * 4 + 3]) << 24
            if value != expected { mismatches += 1 }
        }
    }
    let readTime = host.now - readStart

    print("image:           \(mebibytes) MiB, \(size / pageSize) pages")
    print("program (host):  \(programTime)  (\(programAccesses) bus accesses)")
    print("program (model): \(formatDuration(virtualTime)) of virtual time")
    print("read back:       \(readTime)  (\(trace.count - programAccesses) memory-mapped word reads)")
    print("flash commands:  \(ospi.controller.commandsIssued); sectors stored: \(ospi.flash.allocatedSectors)")
    print(mismatches == 0 ? "verify:          equal" : "verify:          \(mismatches) words differ")
    return mismatches == 0
}

/// The NOR model alone: WREN + 4PP transactions straight to the device, read back with 8DTRD in 4 KiB reads.
func runDeviceOnly(mebibytes: Int) -> Bool {
    let size = mebibytes << 20
    let clock = VirtualClock()
    let flash = MX25LM51245G(clock: clock)
    let host = ContinuousClock()
    var page = [UInt8](repeating: 0, count: pageSize)
    guard flash.execute(.command(0x06, mode: .spi)).outcome == .accepted else { fail("WREN refused") }
    _ = flash.execute(.command(0x72, mode: .spi, address: 0, data: .write([0x02])))
    let start = host.now
    for index in 0..<size / pageSize {
        fillPage(index, into: &page)
        _ = flash.execute(.command(0x06, mode: .dtrOPI))
        let program = flash.execute(.command(0x12, mode: .dtrOPI, address: UInt32(index * pageSize), data: .write(page)))
        guard program.outcome == .accepted else { fail("4PP refused at page \(index)") }
        clock.advanceToNextEvent()
    }
    let programTime = host.now - start
    let readStart = host.now
    var mismatches = 0
    for chunk in 0..<size / 4096 {
        let read = flash.execute(.command(0xEE, mode: .dtrOPI, address: UInt32(chunk * 4096),
                                          dummyCycles: flash.octalReadDummyCycles, data: .read(count: 4096)))
        for pageInChunk in 0..<4096 / pageSize {
            fillPage(chunk * 4096 / pageSize + pageInChunk, into: &page)
            if read.data[pageInChunk * pageSize..<(pageInChunk + 1) * pageSize] != page[...] { mismatches += 1 }
        }
    }
    print("model only:      program \(programTime), read back \(host.now - readStart) (NOR transactions, no bus)")
    return mismatches == 0
}

let mebibytes = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 64
guard (1...64).contains(mebibytes) else {
    print("bench-ospi: size must be 1...64 MiB")
    exit(64)
}
let deviceOK = runDeviceOnly(mebibytes: mebibytes)
exit(run(mebibytes: mebibytes) && deviceOK ? 0 : 1)
