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
    ]
)

// package-benchmark suites: one executable target per folder under Benchmarks/.
for suite in ["Core", "Roster", "Scaling"] {
    package.targets.append(
        .executableTarget(
            name: suite,
            dependencies: [
                "ScreeningBenchmarks",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/\(suite)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}
