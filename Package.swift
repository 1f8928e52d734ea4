// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "parlearn",
    platforms: [.macOS(.v15)],
    products: [
        // Learner programs are compiled with swiftc against this library, so it must be dynamic.
        .library(name: "ParLearnKit", type: .dynamic, targets: ["ParLearnKit"]),
        .executable(name: "parlearn", targets: ["parlearn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
    ],
    targets: [
        // libedit's <histedit.h>, linked as -ledit.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Non-variadic wrappers around el_set/el_get/history and the SIGINT flag handler.
        .target(name: "CLineEdit", dependencies: ["CLibEdit"]),

        // The runtime learners import: primitives plus the controlled thread and async engines.
        // It has no package dependencies, so learner files compile against it with -I and -L alone.
        // Optimised in debug builds too: learner programs link the kit that the README's plain
        // `swift build` makes, and its engines explore 2-3x slower unoptimised (benchmarks/checker).
        .target(name: "ParLearnKit", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),

        // prctl for the runner (variadic in C, so Swift cannot call it directly).
        .target(name: "CProcessControl"),

        // Chapters, exercises, runner, rendering and report formats. No terminal I/O here.
        .target(
            name: "WorkbookCore",
            dependencies: [
                "ParLearnKit", "Yams", "CProcessControl",
                // Reading learner Swift: scenario declarations, async guard rails, highlighting.
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
            ]
        ),

        // Every command, defined once as a ParsableCommand that the REPL and the CLI both dispatch
        // through, plus the console they write to. No line editing here.
        .target(
            name: "ParlearnCommands",
            dependencies: [
                "WorkbookCore", "ParLearnKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The REPL and CLI front ends: argument dispatch, line editing, Ctrl-C and terminal glue.
        .executableTarget(
            name: "parlearn",
            dependencies: ["ParlearnCommands", "WorkbookCore", "CLineEdit", "CLibEdit"]
        ),

        .testTarget(name: "ParLearnKitTests", dependencies: ["ParLearnKit"]),
        .testTarget(name: "WorkbookCoreTests", dependencies: ["WorkbookCore"]),
        .testTarget(name: "ParlearnCommandsTests", dependencies: ["ParlearnCommands", "WorkbookCore"]),
        .testTarget(name: "ParlearnTests", dependencies: ["WorkbookCore", "ParlearnCommands", "parlearn", "CLineEdit"]),
    ],
    swiftLanguageModes: [.v6]
)
