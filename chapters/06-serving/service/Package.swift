// swift-tools-version:6.0
// The capstone's service over real HTTP (Hummingbird on SwiftNIO), in its own package so that
// the workbook's build never pays for Hummingbird: `swift build` here, or `parlearn run` on this
// folder. Packages resolve from the machine's offline copies.
import PackageDescription

let package = Package(
    name: "service",
    platforms: [.macOS(.v15)],
    dependencies: [
        // ParLearnKit (the isolates), from the workbook at the repository's root.
        .package(name: "parlearn", path: "../../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // Already Hummingbird's dependencies: the bootstrap with SO_REUSEPORT, graceful quiescing.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Routes, worker models and the server loop they share.
        .target(
            name: "ServiceCore",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ParLearnKit", package: "parlearn"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // `service --model processes|threads|isolates|async --workers N --seconds T`
        .executableTarget(name: "service", dependencies: ["ServiceCore"]),
        // A closed-loop load generator on plain sockets: C connections for T seconds, loopback only.
        .executableTarget(name: "loadgen"),
    ],
    swiftLanguageModes: [.v6]
)
