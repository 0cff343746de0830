import BenchFixtures
import Benchmark
import ScreeningBenchmarks

/// In-process screening with the shipped Rules folder (or $SAFEPOST_RULES): short drafts,
/// emails and long clean text, one scanner on one thread.
let benchmarks: @Sendable () -> Void = {
    for workload in ScreeningWorkload.allCases {
        ScreeningBenchmarks.register("Core.\(workload.rawValue)", workload) { try Fixtures.shipped() }
    }
}
