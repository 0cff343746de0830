import BenchFixtures
import Benchmark
import ScreeningBenchmarks

/// Cost per short draft as the roster grows from 10 to 100,000 children (carers grow with it).
/// Throughput is drafts/s; compare the rows of one run, not across runs.
let benchmarks: @Sendable () -> Void = {
    for children in [10, 100, 1_000, 10_000, 100_000] {
        ScreeningBenchmarks.register(
            "Scaling.Roster\(children)", .shortDrafts,
            configuration: ScreeningBenchmarks.configuration(.shortDrafts, maxDuration: .milliseconds(1_500))
        ) { try Fixtures.generated(children: children) }
    }
}
