import BenchFixtures
@preconcurrency import Benchmark

/// The workloads a suite can register for one fixture.
public enum ScreeningWorkload: String, CaseIterable, Sendable {
    /// The pool of 1,000 short drafts (~150 bytes) per iteration: throughput is drafts/s.
    case shortDrafts = "ShortDrafts"
    /// The pool of 1,000 emails (~4 KB) per iteration: throughput is emails/s.
    case emails = "Emails"
    /// One clean text of 1,000,000 bytes per iteration: throughput is MB/s.
    case longClean = "LongClean"

    var scalingFactor: BenchmarkScalingFactor {
        switch self {
        case .shortDrafts, .emails: .kilo
        case .longClean: .one
        }
    }

    var maxIterations: Int {
        switch self {
        case .shortDrafts: 500
        case .emails: 300
        case .longClean: 500
        }
    }

    var maxDuration: Duration {
        switch self {
        case .shortDrafts: .seconds(2)
        case .emails: .seconds(4)
        case .longClean: .seconds(3)
        }
    }

    func pool(_ fixture: Fixture) -> RequestPool {
        switch self {
        case .shortDrafts: .shortDrafts(fixture)
        case .emails: .emails(fixture)
        case .longClean: .longClean(fixture)
        }
    }
}

/// Metrics, thresholds and registration shared by the Core, Roster and Scaling suites.
public enum ScreeningBenchmarks {
    /// Bytes screened per second (shown with an (M) unit: MB/s), timed inside each iteration
    /// around the screening loop only.
    public static var bytesPerSecond: BenchmarkMetric { .custom("BytesPerSecond", polarity: .prefersLarger, useScalingFactor: false) }

    public static var metrics: [BenchmarkMetric] { [.throughput, .wallClock, .mallocCountTotal, bytesPerSecond] }

    /// `bench-check` gates on allocations only: the p90 of mallocCountTotal may grow by at
    /// most 15 % over the stored threshold. Times are reported, never gated (noisy host).
    public static var thresholds: [BenchmarkMetric: BenchmarkThresholds] {
        [.mallocCountTotal: BenchmarkThresholds(relative: [.p90: 15.0])]
    }

    /// A configuration sized so the three suites run in a minute or two on two cores.
    /// No tags: package-benchmark appends them to the name and so to the thresholds file name.
    public static func configuration(_ workload: ScreeningWorkload, maxDuration: Duration? = nil) -> Benchmark.Configuration {
        .init(
            metrics: metrics,
            warmupIterations: 3,
            scalingFactor: workload.scalingFactor,
            maxDuration: maxDuration ?? workload.maxDuration,
            maxIterations: workload.maxIterations,
            thresholds: thresholds
        )
    }

    /// Every iteration screens the whole pool in the same order, so the allocation counts
    /// are the same from one iteration (and one run) to the next, whatever the speed.
    ///
    /// Registers `name` screening `fixture()`'s pool for `workload`. The fixture and
    /// the pool are built in the benchmark's setup, outside the measurement.
    public static func register(
        _ name: String, _ workload: ScreeningWorkload, configuration: Benchmark.Configuration? = nil,
        fixture: @escaping @Sendable () throws -> Fixture
    ) {
        Benchmark(name, configuration: configuration ?? self.configuration(workload)) { benchmark, cursor in
            let count = benchmark.scaledIterations.count
            let clock = ContinuousClock()
            let start = clock.now
            let (bytes, findings) = cursor.screen(count)
            let elapsed = start.duration(to: clock.now)
            blackHole(findings)
            benchmark.measurement(bytesPerSecond, bytesPerSecondValue(bytes: bytes, elapsed: elapsed))
        } setup: { () throws -> PoolCursor in
            let fixture = try fixture()
            return PoolCursor(pool: workload.pool(fixture), ruleSet: fixture.ruleSet)
        }
    }

    static func bytesPerSecondValue(bytes: Int, elapsed: Duration) -> Int {
        let (seconds, attoseconds) = elapsed.components
        let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) * 1e-9
        guard nanoseconds > 0 else { return 0 }
        return Int((Double(bytes) * 1e9 / nanoseconds).rounded())
    }
}
