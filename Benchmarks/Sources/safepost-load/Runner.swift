import Foundation
import Glibc
import Histogram

/// The figures of one measured case.
struct CaseResult {
    let kind: RequestKind
    let concurrency: Int
    let run: Int
    let seconds: Double
    let requests: Int
    let histogram: Histogram<UInt64>
    let errors: Int
    let firstErrors: [String]
    let verdicts: [Verdict: Int]
    /// CPU seconds in the window: the daemon's (nil when unknown) and this tool's.
    let daemonCPU: Double?
    let loadCPU: Double
    let rssKiB: Int?

    var perSecond: Double { Double(requests) / seconds }
    func micros(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1000 }
    var daemonMicrosPerRequest: Double? { daemonCPU.map { $0 / Double(max(1, requests)) * 1e6 } }
    var loadMicrosPerRequest: Double { loadCPU / Double(max(1, requests)) * 1e6 }
}

/// Runs cases: starts the worker threads, samples CPU time at the edges of the measurement
/// window, joins, merges.
struct Runner {
    let daemon: DaemonUnderTest
    let threads: Int

    /// One case: `concurrency` connections for `warmup + duration` seconds. `sample`, when given,
    /// is called every `sampleEvery` seconds of the window with the seconds elapsed and the
    /// responses completed so far.
    func run(
        pool: RequestPool, concurrency: Int, warmup: Double, duration: Double, run: Int,
        sampleEvery: Double = 0, sample: ((Double, Int) -> Void)? = nil
    ) throws -> CaseResult {
        let counter = Counter()
        let workerCount = min(threads, concurrency)
        var workers: [LoadWorker] = []
        for w in 0..<workerCount {
            let connections = concurrency / workerCount + (w < concurrency % workerCount ? 1 : 0)
            workers.append(try LoadWorker(
                pool: pool, socket: daemon.socket, connections: connections,
                firstIndex: w * pool.requests.count / workerCount, completions: counter))
        }
        let start = monotonicNanos()
        let windowStart = start + UInt64(warmup * 1e9)
        let windowEnd = windowStart + UInt64(duration * 1e9)
        let done = DispatchGroup()
        for worker in workers {
            done.enter()
            let thread = Thread {
                worker.run(window: windowStart..<windowEnd, stopAt: windowEnd)
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        sleep(until: windowStart)
        let daemonBefore = daemon.cpuSeconds()
        let ownBefore = ownCPUSeconds()
        if let sample, sampleEvery > 0 {
            var next = windowStart
            while true {
                next += UInt64(sampleEvery * 1e9)
                if next > windowEnd { break }
                sleep(until: next)
                sample(Double(next - windowStart) / 1e9, counter.current)
            }
        }
        sleep(until: windowEnd)
        let daemonAfter = daemon.cpuSeconds()
        let ownAfter = ownCPUSeconds()
        let rss = daemon.residentKiB()
        done.wait()

        var histogram = workers[0].histogram
        var verdicts: [Verdict: Int] = [:]
        var errors = 0
        var firstErrors: [String] = []
        var requests = 0
        for (i, worker) in workers.enumerated() {
            if i > 0 { histogram.add(worker.histogram) }
            for (verdict, n) in worker.verdictTotals { verdicts[verdict, default: 0] += n }
            errors += worker.errors
            firstErrors += worker.firstErrors
            requests += worker.measured
        }
        return CaseResult(
            kind: pool.kind, concurrency: concurrency, run: run, seconds: duration, requests: requests,
            histogram: histogram, errors: errors, firstErrors: firstErrors, verdicts: verdicts,
            daemonCPU: daemonBefore.flatMap { b in daemonAfter.map { $0 - b } }, loadCPU: ownAfter - ownBefore,
            rssKiB: rss)
    }

    private func sleep(until deadline: UInt64) {
        let now = monotonicNanos()
        guard deadline > now else { return }
        var request = timespec(tv_sec: Int((deadline - now) / 1_000_000_000), tv_nsec: Int((deadline - now) % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
