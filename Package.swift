// swift-tools-version: 6.1
import PackageDescription

// Dependency arrows point one way: Model ← Text ← Scanning ← Rules ← CLI.
// The core (Model, Text, Matching, Scanning) knows nothing of files, sockets, mail or the command line.
let package = Package(
    name: "safepost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "safepost", targets: ["safepost"]),
        .library(name: "SafepostScanning", targets: ["SafepostScanning"]),
        .library(name: "SafepostRules", targets: ["SafepostRules"]),
        .library(name: "SafepostWire", targets: ["SafepostWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "SafepostModel"),
        .target(name: "SafepostText"),
        .target(name: "SafepostMatching", dependencies: ["CPCRE2"]),
        .target(name: "SafepostScanning", dependencies: ["SafepostModel", "SafepostText", "SafepostMatching"]),
        .target(name: "SafepostRules", dependencies: ["SafepostScanning", "SafepostMatching", "SafepostModel"]),
        .target(name: "SafepostWire", dependencies: ["SafepostModel"]),
        .target(name: "SafepostEvaluation", dependencies: ["SafepostModel", "SafepostWire", "SafepostScanning"]),
        .executableTarget(
            name: "safepost",
            dependencies: [
                "SafepostScanning", "SafepostRules", "SafepostWire", "SafepostEvaluation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SafepostTextTests", dependencies: ["SafepostText"]),
        .testTarget(name: "SafepostMatchingTests", dependencies: ["SafepostMatching"]),
        .testTarget(name: "SafepostWireTests", dependencies: ["SafepostWire", "SafepostEvaluation", "SafepostModel"]),
        .testTarget(
            name: "SafepostScanningTests",
            dependencies: ["SafepostScanning", "SafepostRules", "SafepostWire", "SafepostEvaluation", "safepost"]
        ),
    ]
)
