// swift-tools-version: 6.1
import PackageDescription

// The benchmark suite of safepost, a nested package so that the main build and tests
// never pay for package-benchmark and its dependencies (the layout swift-nio uses).
//
//   swift package benchmark                       # run every suite (release build)
//   swift run -c release safepost-bench           # the same measurements as plain medians
//
// See docs/performance.md and mk/bench.mk.
let package = Package(
    name: "safepost-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "safepost", path: ".."),
        // ordo-one/benchmark 1.38.1's default traits include a runtime interposer that is
        // not available here; the malloc interposer (mallocCountTotal) is all we need.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
    ],
    targets: [
        // Deterministic, seeded generator of realistic load (rosters, drafts, emails, long text).
        // Knows nothing of safepost's modules, so load tests of the daemon can reuse it.
        .target(name: "Workload"),
        // Glue: finds the shipped Rules folder, writes temporary copies with generated rosters,
        // loads them and turns generated drafts into screening requests.
        .target(
            name: "BenchFixtures",
            dependencies: [
                "Workload",
                .product(name: "SafepostRules", package: "safepost"),
                .product(name: "SafepostScanning", package: "safepost"),
            ]
        ),
        // What the package-benchmark suites share: metrics, thresholds, registration of a workload.
        .target(
            name: "ScreeningBenchmarks",
            dependencies: [
                "BenchFixtures",
                .product(name: "Benchmark", package: "benchmark"),
            ]
        ),
        // A plain release executable printing medians, for when the benchmark plugin is unavailable.
        .executableTarget(
            name: "safepost-bench",
            dependencies: [
                "BenchFixtures",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        // Load generator for safepostd over its Unix socket: requests/s and latency percentiles
        // at a given concurrency, memory of the daemon over a long run (issue 3).
        .executableTarget(
            name: "safepost-load",
            dependencies: [
                "Workload",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // Drives the mail filter the way Postfix does (one process per mail, several at once)
        // against a running safepostd and a null sendmail: mails/s (issue 4).
        .executableTarget(
            name: "safepost-mailbench",
            dependencies: [
                "Workload",
                .product(name: "SafepostClient", package: "safepost"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // Writes the Workload pools, patterns and names to files for the peer comparison
        // (Benchmarks/peers/run.sh).
        .executableTarget(name: "safepost-export", dependencies: ["Workload"]),
    ]
)

// package-benchmark suites: one executable target per folder under Benchmarks/.
// Mail measures MIME parsing (MB/s) and needs the MIME module besides the shared glue.
let suites: [(name: String, extra: [Target.Dependency])] = [
    ("Core", []), ("Roster", []), ("Scaling", []),
    ("Mail", [.product(name: "SafepostMIME", package: "safepost")]),
]
for suite in suites {
    package.targets.append(
        .executableTarget(
            name: suite.name,
            dependencies: [
                "ScreeningBenchmarks",
                .product(name: "Benchmark", package: "benchmark"),
            ] + suite.extra,
            path: "Benchmarks/\(suite.name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}
