// Programs an image through the OCTOSPI algorithm on the model, then reads it back through the
// memory-mapped window and compares. Usage: bench-ospi [MiB] (default 64, the whole chip).
import FlashCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let mebibytes = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 64
guard (1...64).contains(mebibytes) else {
    print("bench-ospi: size must be 1...64 MiB")
    exit(64)
}
let size = mebibytes << 20
let pageSize = 256

/// Deterministic, mostly non-0xFF content, so every sector is really stored.
func page(_ index: Int) -> [UInt8] {
    var state = UInt32(truncatingIfNeeded: index) &* 2_654_435_761 | 1
    return (0..<pageSize).map { _ in
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return UInt8(truncatingIfNeeded: state)
    }
}

let clock = VirtualClock()
let trace = TraceRecorder(enabled: false)
let bus = Bus(clock: clock, trace: trace)
let ospi = OctoSPISubsystem(clock: clock, trace: trace)
ospi.map(into: bus)
let algorithm = OctoSPIFlashAlgorithm()
let base = algorithm.addressRange.lowerBound
let host = ContinuousClock()

let programStart = host.now
guard algorithm.initialize(bus: bus, address: base, clock: 0, function: .program) == 0 else {
    print("bench-ospi: initialize failed")
    exit(1)
}
for index in 0..<size / pageSize {
    guard algorithm.programPage(bus: bus, address: base + UInt32(index * pageSize), bytes: page(index)) == 0 else {
        print("bench-ospi: programPage failed at page \(index)")
        exit(1)
    }
}
guard algorithm.uninitialize(bus: bus, function: .program) == 0 else {
    print("bench-ospi: uninitialize failed")
    exit(1)
}
let programTime = host.now - programStart
let programAccesses = trace.count
let virtualTime = clock.now

let readStart = host.now
var mismatches = 0
for index in 0..<size / pageSize {
    let expected = page(index)
    let address = base + UInt32(index * pageSize)
    for word in 0..<pageSize / 4 {
        let value = bus.read(address + UInt32(word * 4)) ?? 0
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        if bytes[...] != expected[word * 4..<word * 4 + 4] { mismatches += 1 }
    }
}
let readTime = host.now - readStart

print("image:           \(mebibytes) MiB, \(size / pageSize) pages")
print("program (host):  \(programTime)  (\(programAccesses) bus accesses)")
print("program (model): \(formatDuration(virtualTime)) of virtual time")
print("read back:       \(readTime)  (memory-mapped, word reads)")
print("flash commands:  \(ospi.controller.commandsIssued); sectors stored: \(ospi.flash.allocatedSectors)")
print(mismatches == 0 ? "verify:          equal" : "verify:          \(mismatches) words differ")
exit(mismatches == 0 ? 0 : 1)
