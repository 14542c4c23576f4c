// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "FlashScope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flashscope", targets: ["flashscope"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // The model makes tens of millions of bus accesses per large operation; the runtime
        // exclusivity checks (a debugging aid) cost about 40% of that, so release builds drop them.
        .target(
            name: "FlashCore",
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "DeviceStore",
            dependencies: ["FlashCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The terminal toolkit: cells, buffer, geometry, input, roles and themes, generic widgets,
        // the backend protocol. It knows nothing of flash.
        .target(name: "TerminalKit", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        // The FlashScope app on the toolkit (model, update, view, runner); the front end injects
        // the algorithms it offers, so the app needs no emulator.
        .target(name: "TerminalUI", dependencies: ["FlashCore", "TerminalKit"]),
        // No pkgConfig: SwiftPM rejects the -D flags ncursesw.pc gives, with a
        // warning on every build; shim.h defines what they would. The
        // modulemap links ncursesw (apt: libncurses-dev).
        .systemLibrary(name: "CNcursesW"),
        .target(name: "CursesBackend", dependencies: ["TerminalKit", "CNcursesW"]),
        .target(name: "FlashFormats", dependencies: ["FlashCore"]),
        // The simulated chip as a debug target: JTAG chain, JTAG-DP, MEM-AP, the core's debug registers.
        .target(name: "DebugPort", dependencies: ["FlashCore"]),
        // TCP listeners for `serve`: one client at a time, a poll loop, bounded reads.
        .target(name: "DebugServer"),
        // gdb's remote serial protocol: framing, acknowledgements, requests, target and memory map
        // documents. It knows nothing of the chip, so `attach` can reuse it as a client.
        .target(name: "GDBRemote"),
        // `attach`: a real chip behind a GDB server as a Bus (RSP m/M per access), its identity and a snapshot.
        .target(name: "Attach", dependencies: ["FlashCore", "DebugPort", "DebugServer", "GDBRemote"]),
        .executableTarget(
            name: "fuzz-formats", dependencies: ["FlashFormats", "FlashCore", "FuzzSupport"], path: "Fuzz/fuzz-formats"),
        // The libFuzzer hand-over both fuzz executables use.
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        // libFuzzer entry for the device-file loader (scripts/fuzz-device).
        .executableTarget(
            name: "fuzz-device",
            dependencies: ["DeviceStore", "FlashCore", "FuzzSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Fuzz/fuzz-device"
        ),
        // Unicorn and Capstone are opened with dlopen at run time, so nothing links them:
        // the package builds and tests on machines without them.
        .target(name: "CUnicornShim", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "FlashEmulation",
            dependencies: [
                "FlashCore", "FlashFormats", "DebugPort", "CUnicornShim", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // libFuzzer entry for the FLM and probe-rs YAML readers (scripts/fuzz-algorithms).
        .executableTarget(
            name: "fuzz-algorithms",
            dependencies: ["FlashEmulation", "FuzzSupport", .product(name: "Yams", package: "Yams")],
            path: "Fuzz/fuzz-algorithms"
        ),
        .executableTarget(
            name: "flashscope",
            dependencies: [
                "FlashCore",
                "FlashFormats",
                "FlashEmulation",
                "DeviceStore",
                "TerminalKit",
                "TerminalUI",
                "CursesBackend",
                "DebugPort",
                "DebugServer",
                "GDBRemote",
                "Attach",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by the benchmarks (a seeded generator, durations in seconds).
        .target(name: "BenchSupport", path: "Benchmarks/BenchSupport"),
        // The release-build benchmarks behind scripts/bench-*: `bench core|emulation|formats|ospi|tui`.
        .executableTarget(
            name: "bench",
            dependencies: [
                "BenchSupport", "FlashCore", "FlashFormats", "FlashEmulation", "DeviceStore", "TerminalKit",
                "TerminalUI",
            ],
            path: "Benchmarks/bench"
        ),
        .testTarget(
            name: "FlashCoreTests",
            dependencies: [
                "FlashCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "DeviceStoreTests",
            // fuzz-device for its crafted files (SeedFiles.damage), the same the fuzzer starts from.
            dependencies: ["DeviceStore", "fuzz-device", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(
            name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalKit", "FlashCore", "FlashEmulation"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalKit", "CNcursesW"]),
        .testTarget(name: "DebugPortTests", dependencies: ["DebugPort", "FlashCore"]),
        .testTarget(name: "GDBRemoteTests", dependencies: ["GDBRemote"]),
        .testTarget(name: "AttachTests", dependencies: ["Attach", "FlashCore", "GDBRemote"]),
        .testTarget(
            name: "FlashFormatsTests",
            dependencies: [
                "FlashFormats",
                "FlashCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures", "Malformed"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["flashscope", "FlashEmulation", "fuzz-device", "GDBRemote", "DebugServer", "Attach"]),
        .testTarget(
            name: "FlashEmulationTests",
            dependencies: [
                "FlashEmulation", "FlashCore", "FlashFormats", "DebugPort", .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Algorithm", "Hostile"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
