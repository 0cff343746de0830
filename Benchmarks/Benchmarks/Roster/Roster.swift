import BenchFixtures
import Benchmark
import ScreeningBenchmarks

/// The Core workloads against a generated roster of 2,000 children (and their carers):
/// the shipped Rules with children.csv and carers.csv replaced.
let benchmarks: @Sendable () -> Void = {
    for workload in ScreeningWorkload.allCases {
        ScreeningBenchmarks.register("Roster2000.\(workload.rawValue)", workload) { try Fixtures.generated(children: 2_000) }
    }
}
