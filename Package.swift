// swift-tools-version: 6.1
import PackageDescription

// Dependency arrows point one way: Model ← Text ← Scanning ← Rules ← Server ← safepostd.
// The core (Model, Text, Matching, Scanning) knows nothing of files, sockets, mail or the command line;
// Wire is the JSON contract, Client speaks it over the daemon's Unix socket.
let package = Package(
    name: "safepost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "safepost", targets: ["safepost"]),
        .executable(name: "safepostd", targets: ["safepostd"]),
        .executable(name: "safepost-mail-filter", targets: ["safepost-mail-filter"]),
        .library(name: "SafepostModel", targets: ["SafepostModel"]),
        .library(name: "SafepostScanning", targets: ["SafepostScanning"]),
        .library(name: "SafepostClient", targets: ["SafepostClient"]),
        .library(name: "SafepostRules", targets: ["SafepostRules"]),
        .library(name: "SafepostWire", targets: ["SafepostWire"]),
        .library(name: "SafepostMIME", targets: ["SafepostMIME"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        .systemLibrary(name: "CSafepostPrefetch"),
        .systemLibrary(name: "CSafepostByteScan"),
        .target(name: "SafepostScanning", dependencies: ["SafepostModel", "SafepostText", "SafepostMatching", "CSafepostPrefetch", "CSafepostByteScan"]),
        .target(name: "SafepostRules", dependencies: ["SafepostScanning", "SafepostMatching", "SafepostText", "SafepostModel"]),
        .target(name: "SafepostWire", dependencies: ["SafepostModel"]),
        .target(name: "SafepostEvaluation", dependencies: ["SafepostModel", "SafepostWire"]),
        // RFC 5322/2045/2047 mail → a screening request: what a recipient would read.
        .target(name: "SafepostMIME", dependencies: ["SafepostModel"]),
        // A small blocking HTTP/1.1 client for the daemon's Unix socket (no NIO: tools start fast).
        .target(name: "SafepostClient", dependencies: ["SafepostModel", "SafepostWire"]),
        // The Postfix pipe(8) content filter: one mail from standard input → safepostd (POST /v1/mail,
        // which reads the MIME) → sendmail, the quarantine, or a bounce. Foundation-free, like
        // everything it depends on.
        .target(name: "SafepostMailFilter", dependencies: ["SafepostClient", "SafepostWire", "SafepostModel", "CSafepostMailFilter"]),
        // memfd_create and posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module hides.
        .systemLibrary(name: "CSafepostMailFilter"),
        // The filter as its own executable: Postfix starts it once per mail, so it links no
        // Foundation and no ArgumentParser, and is one static executable (Swift runtime, libc and
        // all: no dynamic loader, no libstdc++ start-up), which starts in a fraction of the time.
        // Start-up overrides for the static filter: its command line for the Swift runtime, kept
        // from glibc's constructor arguments instead of the runtime's scan of /proc/self/maps, and
        // no crash backtracer (whose constructor searches eight paths for swift-backtrace).
        .target(name: "CSafepostMailFilterStart"),
        .executableTarget(
            name: "safepost-mail-filter",
            dependencies: ["SafepostMailFilter", "CSafepostMailFilterStart"],
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]
        ),
        // The daemon: HTTP over a Unix socket, reload, metrics, record of concern.
        .target(
            name: "SafepostServer",
            dependencies: [
                "SafepostModel", "SafepostScanning", "SafepostRules", "SafepostWire", "SafepostMIME",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "safepost",
            dependencies: [
                "SafepostScanning", "SafepostRules", "SafepostWire", "SafepostEvaluation", "SafepostClient", "SafepostMIME",
                "SafepostMailFilter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "safepostd",
            dependencies: [
                "SafepostServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Shared by the test targets: a seeded random number generator for generated inputs.
        .target(name: "SafepostTestSupport", path: "Tests/SafepostTestSupport"),
        .testTarget(name: "SafepostTextTests", dependencies: ["SafepostText", "SafepostTestSupport"]),
        .testTarget(name: "SafepostMatchingTests", dependencies: ["SafepostMatching"]),
        .testTarget(name: "SafepostMIMETests", dependencies: ["SafepostMIME", "SafepostModel", "SafepostTestSupport"]),
        .testTarget(name: "SafepostWireTests", dependencies: ["SafepostWire", "SafepostEvaluation", "SafepostModel"]),
        .testTarget(
            name: "SafepostScanningTests",
            dependencies: ["SafepostScanning", "SafepostRules", "SafepostWire", "SafepostEvaluation", "safepost", "SafepostTestSupport"]
        ),
        // Also spawns the built safepost-mail-filter, which `swift build --build-tests` and `swift test`
        // build with everything else. Not a dependency: a test bundle that depends on an executable
        // links with its linker flags, and -static-executable cannot link the test libraries.
        .testTarget(name: "SafepostMailTests", dependencies: ["SafepostMIME", "SafepostClient", "SafepostModel", "SafepostRules", "SafepostScanning", "SafepostEvaluation", "safepost", "safepostd"]),
        // End-to-end: starts the built safepostd on a temporary socket and speaks HTTP to it.
        .testTarget(
            name: "SafepostDaemonTests",
            dependencies: ["SafepostClient", "SafepostWire", "SafepostModel", "safepostd", "safepost", "SafepostTestSupport"]
        ),
    ]
)
