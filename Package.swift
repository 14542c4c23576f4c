// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "FlashScope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flashscope", targets: ["flashscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "FlashCore"),
        .executableTarget(
            name: "flashscope",
            dependencies: [
                "FlashCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build benchmark for scripts/bench-ospi.
        .executableTarget(name: "bench-ospi", dependencies: ["FlashCore"]),
        .testTarget(
            name: "FlashCoreTests",
            dependencies: [
                "FlashCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["flashscope"]),
    ],
    swiftLanguageModes: [.v6]
)
