import BenchFixtures
import Benchmark
import ScreeningBenchmarks

#if canImport(Glibc)
import Glibc
#endif

/// Cost per short draft as the roster grows from 10 to 100,000 children (carers grow with it),
/// and as the rules grow: the shipped Rules plus 10, 100 and 1,000 generated pattern rules
/// (Workload.RuleGenerator; the shipped 30-child roster, so the drafts are Core.ShortDrafts').
/// Throughput is drafts/s; compare the rows of one run, not across runs.
///
/// Besides the Core metrics, each benchmark reports DraftsPerCPUSecond: drafts screened per
/// second of the thread's CPU time, timed inside each iteration around the screening loop.
/// On a shared host an iteration that waited for a core is slower by the wall clock but not
/// by CPU time, so this is the figure to compare when the machine is loaded.
let benchmarks: @Sendable () -> Void = {
    for children in [10, 100, 1_000, 10_000, 100_000] {
        registerScaling("Scaling.Roster\(children)") { try Fixtures.generated(children: children) }
    }
    for rules in [10, 100, 1_000] {
        registerScaling("Scaling.Rules\(rules)") { try Fixtures.generatedRules(rules) }
    }
}

let draftsPerCPUSecond = BenchmarkMetric.custom("DraftsPerCPUSecond", polarity: .prefersLarger, useScalingFactor: false)

/// ScreeningBenchmarks.register for the short-draft pool, plus DraftsPerCPUSecond.
func registerScaling(_ name: String, fixture: @escaping @Sendable () throws -> Fixture) {
    var configuration = ScreeningBenchmarks.configuration(.shortDrafts, maxDuration: .milliseconds(1_500))
    configuration.metrics.append(draftsPerCPUSecond)
    Benchmark(name, configuration: configuration) { benchmark, cursor in
        let count = benchmark.scaledIterations.count
        let clock = ContinuousClock()
        let cpuStart = threadCPUNanoseconds()
        let start = clock.now
        let (bytes, findings) = cursor.screen(count)
        let elapsed = start.duration(to: clock.now)
        let cpu = threadCPUNanoseconds() - cpuStart
        blackHole(findings)
        benchmark.measurement(ScreeningBenchmarks.bytesPerSecond, perSecond(bytes, nanoseconds: nanoseconds(elapsed)))
        benchmark.measurement(draftsPerCPUSecond, perSecond(count, nanoseconds: cpu))
    } setup: { () throws -> PoolCursor in
        let fixture = try fixture()
        return PoolCursor(pool: RequestPool.shortDrafts(fixture), ruleSet: fixture.ruleSet)
    }
}

/// CPU time this thread has used, in nanoseconds.
func threadCPUNanoseconds() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
}

func nanoseconds(_ d: Duration) -> Int {
    let (seconds, attoseconds) = d.components
    return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
}

func perSecond(_ units: Int, nanoseconds: Int) -> Int {
    nanoseconds > 0 ? Int((Double(units) * 1e9 / Double(nanoseconds)).rounded()) : 0
}
