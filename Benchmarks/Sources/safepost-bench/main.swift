// safepost-bench: the package-benchmark suites' measurements as a plain release executable.
//
//   swift run -c release safepost-bench [--rounds N] [--seconds S] [--filter TEXT] [--workload] [--json PATH]
//
// Each case screens its pool with one scanner on one thread: a warm-up, then N timed rounds
// of about S seconds each (at least one request); it prints the median (and min–max) of
// requests/s and MB/s by wall-clock time, and the median by the thread's CPU time, which
// leaves out the time the thread waited for a core (the better figure on a shared host).
// Short rounds and a median also keep most preempted rounds out of the figure.
// Allocations per request are counted over one pass of the pool through the malloc interposer,
// which is linked in (on Linux linking is enough; the check below says if it does not count).
// Its small per-allocation cost is in the timings too, as in package-benchmark's.
// See docs/performance.md for every option.

import BenchFixtures
import Foundation
import MallocInterposerSwift
import Workload

struct Options {
    var rounds = 51
    var seconds = 0.02
    var filters: [String] = []
    var exact: [String] = []
    var singlePass = false
    var describeWorkload = false
    var explain = false
    var allocationsOnly = false
    /// Also write every case's medians (and min–max) as JSON here (read by Benchmarks/scripts/report.py).
    var json: String?

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let arg = it.next() {
            switch arg {
            case "--rounds": rounds = max(1, Int(it.next() ?? "") ?? rounds)
            case "--seconds": seconds = max(0.001, Double(it.next() ?? "") ?? seconds)
            case "--filter": if let f = it.next() { filters.append(f) }
            case "--case": if let c = it.next() { exact.append(c) }
            case "--single-pass": singlePass = true
            case "--workload": describeWorkload = true
            case "--explain": explain = true
            case "--allocations-only": allocationsOnly = true
            case "--json":
                guard let path = it.next() else {
                    FileHandle.standardError.write(Data("--json needs a path\n".utf8))
                    exit(64)
                }
                json = path
            case "-h", "--help":
                say("usage: safepost-bench [--rounds N] [--seconds S] [--filter TEXT]... [--case NAME]... [--workload] [--explain] [--allocations-only] [--single-pass] [--json PATH]")
                exit(0)
            default:
                FileHandle.standardError.write(Data("unknown argument \(arg)\n".utf8))
                exit(64)
            }
        }
    }
}

struct Case {
    var name: String
    var workload: String
    var fixture: () throws -> Fixture
    var pool: (Fixture) -> RequestPool
}

struct Row {
    var name: String
    var requestsPerSecond: [Double]
    var megabytesPerSecond: [Double]
    var cpuRequestsPerSecond: [Double]
    var cpuMegabytesPerSecond: [Double]
    var allocationsPerRequest: Double?
    var averageBytes: Double
    var children: Int
    var requests = 0
    var fingerprint = ""
    /// Allocations split as in the printed line: requests without findings, and per finding on the others.
    var cleanRequests = 0
    var allocationsPerCleanRequest: Double?
    var findings = 0
    var allocationsPerFinding: Double?
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// CPU time this thread has used, in seconds.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func format(_ v: Double) -> String {
    if v >= 100 { return String(Int(v.rounded())) }
    if v >= 10 { return String(format: "%.1f", v) }
    return String(format: "%.2f", v)
}

func grouped(_ v: Double) -> String {
    let n = Int(v.rounded())
    var s = String(n)
    var i = s.count - 3
    while i > 0 {
        s.insert(",", at: s.index(s.startIndex, offsetBy: i))
        i -= 3
    }
    return s
}

/// One pass over a pool; the only code `scripts/instructions.sh` counts.
@inline(never)
func measuredPass(_ cursor: PoolCursor, _ count: Int) -> (bytes: Int, findings: Int) {
    cursor.screen(count)
}

/// True when the interposer really counts (it is preloaded), not just linked.
func interposerCounts() -> Bool {
    MallocInterposerSwift.initialize()
    MallocInterposerSwift.reset()
    MallocInterposerSwift.hook()
    let probe = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
    probe.deallocate()
    MallocInterposerSwift.unhook()
    return MallocInterposerSwift.getStatistics().mallocCount > 0
}

/// Writes a line straight to standard output (unbuffered, so progress shows when piped).
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The load average (1, 5, 15 minutes) as /proc/loadavg gives it.
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
}

/// Every case as one JSON row: medians and ranges over the rounds, allocations. The shape
/// Benchmarks/scripts/report.py reads: {"rows": [{"name", "rps_wall": {"median", "min", "max"}, …}], …}.
func writeJSON(_ rows: [Row], to path: String, options: Options, counting: Bool) throws {
    func summary(_ values: [Double]) -> Any {
        values.isEmpty ? NSNull() : ["median": median(values), "min": values.min()!, "max": values.max()!] as [String: Any]
    }
    let list: [[String: Any]] = rows.map { r in
        [
            "name": r.name, "children": r.children, "requests": r.requests, "average_bytes": r.averageBytes,
            "fingerprint": r.fingerprint, "rounds": r.requestsPerSecond.count,
            "rps_wall": summary(r.requestsPerSecond), "mbps_wall": summary(r.megabytesPerSecond),
            "rps_cpu": summary(r.cpuRequestsPerSecond), "mbps_cpu": summary(r.cpuMegabytesPerSecond),
            "allocations_per_request": r.allocationsPerRequest ?? NSNull(),
            "clean_requests": r.cleanRequests, "allocations_per_clean_request": r.allocationsPerCleanRequest ?? NSNull(),
            "findings": r.findings, "allocations_per_finding": r.allocationsPerFinding ?? NSNull(),
        ]
    }
    let document: [String: Any] = [
        "rows": list, "rules": Fixtures.rulesDirectory, "seconds_per_round": options.seconds,
        "rounds": options.rounds, "allocations_counted": counting, "load_average_at_end": loadAverage(),
        "date_utc": ISO8601DateFormatter().string(from: Date()), "command": CommandLine.arguments.joined(separator: " "),
    ]
    let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
}

let options = Options(CommandLine.arguments)
let cases: [Case] = {
    var list: [Case] = []
    let workloads: [(String, (Fixture) -> RequestPool)] = [
        ("ShortDrafts", RequestPool.shortDrafts), ("Emails", RequestPool.emails), ("LongClean", RequestPool.longClean),
    ]
    for (name, pool) in workloads {
        list.append(Case(name: "Core.\(name)", workload: name, fixture: { try Fixtures.shipped() }, pool: pool))
    }
    for (name, pool) in workloads {
        list.append(Case(name: "Roster2000.\(name)", workload: name, fixture: { try Fixtures.generated(children: 2_000) }, pool: pool))
    }
    for children in [10, 100, 1_000, 10_000, 100_000] {
        list.append(Case(name: "Scaling.Roster\(children)", workload: "ShortDrafts",
                         fixture: { try Fixtures.generated(children: children) }, pool: RequestPool.shortDrafts))
    }
    return list.filter { c in
        (options.filters.isEmpty && options.exact.isEmpty) || options.filters.contains { c.name.contains($0) } || options.exact.contains(c.name)
    }
}()

let counting = interposerCounts()
let clock = ContinuousClock()
var rows: [Row] = []
say("rules: \(Fixtures.rulesDirectory)")
say("rounds: \(options.rounds) × ~\(options.seconds) s per case; allocations: \(counting ? "counted (interposer preloaded)" : "not counted (interposer not preloaded)")")
say("")

for c in cases {
    let fixture: Fixture
    do { fixture = try c.fixture() } catch {
        say("\(c.name): FAILED: \(error)")
        exit(1)
    }
    let pool = c.pool(fixture)
    let cursor = PoolCursor(pool: pool, ruleSet: fixture.ruleSet)
    if options.describeWorkload {
        say("\(c.name): \(pool.count) requests, \(format(pool.averageBytes)) bytes average, fingerprint \(pool.fingerprint), "
              + "\(pool.intendedBreaches) written to breach; verdicts: \(cursor.tally()); rules loaded in \(format(fixture.loadSeconds * 1000)) ms "
              + "(\(fixture.childCount) children, \(fixture.names.carers.count) carers)")
    }

    if options.explain {
        for (rule, count, example) in cursor.findingsOnCleanRequests().prefix(12) {
            say("    on clean drafts: \(rule) ×\(count), e.g. \"\(example)\"")
        }
    }

    if options.singlePass {
        // For instruction counts: one warm-up pass, then exactly one pass over the pool inside
        // measuredPass, which `valgrind --tool=callgrind --toggle-collect='*measuredPass*'` counts.
        _ = cursor.screen(pool.count)
        let (bytes, _) = measuredPass(cursor, pool.count)
        say("\(c.name): one pass of \(pool.count) requests, \(bytes) bytes")
        continue
    }

    // Warm-up (caches, scratch buffers) and calibration: how many requests make one round.
    var batch = max(1, min(pool.count, 64))
    while true {
        let start = clock.now
        _ = cursor.screen(batch)
        let t = seconds(start.duration(to: clock.now))
        if t >= options.seconds / 4 || batch >= 50_000_000 {
            batch = max(1, Int(Double(batch) * options.seconds / max(t, 1e-9)))
            break
        }
        batch *= 4
    }

    var allocations: Double?
    var split = (cleanRequests: 0, perClean: Double?.none, findings: 0, perFinding: Double?.none)
    if counting {
        // Exactly one pass over the pool, as one package-benchmark iteration: deterministic counts.
        let n = pool.count
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        _ = cursor.screen(n)
        MallocInterposerSwift.unhook()
        allocations = Double(MallocInterposerSwift.getStatistics().mallocCount) / Double(n)
        // Where they come from: requests with no finding, and requests with findings, per finding.
        var clean = (requests: 0, allocations: 0), flagged = (findings: 0, allocations: 0)
        for request in pool.requests {
            MallocInterposerSwift.reset()
            MallocInterposerSwift.hook()
            let result = try? cursor.scanner.screen(request, now: Fixtures.now)
            MallocInterposerSwift.unhook()
            let count = MallocInterposerSwift.getStatistics().mallocCount
            let findings = result?.findings.count ?? 0
            if findings == 0 { clean = (clean.requests + 1, clean.allocations + count) } else {
                flagged = (flagged.findings + findings, flagged.allocations + count)
            }
        }
        let cleanPart = clean.requests > 0 ? format(Double(clean.allocations) / Double(clean.requests)) : "–"
        let flaggedPart = flagged.findings > 0 ? format(Double(flagged.allocations) / Double(flagged.findings)) : "–"
        split = (clean.requests, clean.requests > 0 ? Double(clean.allocations) / Double(clean.requests) : nil,
                 flagged.findings, flagged.findings > 0 ? Double(flagged.allocations) / Double(flagged.findings) : nil)
        say("\(c.name): allocations per request without findings \(cleanPart) (\(clean.requests) requests); per finding on the others \(flaggedPart) (\(flagged.findings) findings)")
    }

    var rps: [Double] = []
    var mbps: [Double] = []
    var cpuRPS: [Double] = []
    var cpuMBPS: [Double] = []
    if !options.allocationsOnly {
        for _ in 0..<options.rounds {
            let cpuStart = threadCPUSeconds()
            let start = clock.now
            let (bytes, _) = cursor.screen(batch)
            let t = seconds(start.duration(to: clock.now))
            let cpu = max(threadCPUSeconds() - cpuStart, 1e-9)
            rps.append(Double(batch) / t)
            mbps.append(Double(bytes) / t / 1e6)
            cpuRPS.append(Double(batch) / cpu)
            cpuMBPS.append(Double(bytes) / cpu / 1e6)
        }
    }
    let row = Row(name: c.name, requestsPerSecond: rps, megabytesPerSecond: mbps,
                  cpuRequestsPerSecond: cpuRPS, cpuMegabytesPerSecond: cpuMBPS, allocationsPerRequest: allocations,
                  averageBytes: pool.averageBytes, children: fixture.childCount, requests: pool.count,
                  fingerprint: "\(pool.fingerprint)", cleanRequests: split.cleanRequests,
                  allocationsPerCleanRequest: split.perClean, findings: split.findings, allocationsPerFinding: split.perFinding)
    rows.append(row)
    var line = c.name.padding(toLength: 22, withPad: " ", startingAt: 0)
    if !rps.isEmpty {
        line += " \(grouped(median(rps))) req/s (\(grouped(rps.min()!))–\(grouped(rps.max()!)))"
        line += "  \(format(median(mbps))) MB/s (\(format(mbps.min()!))–\(format(mbps.max()!)))"
        line += "  CPU: \(grouped(median(cpuRPS))) req/s, \(format(median(cpuMBPS))) MB/s"
    }
    if let allocations { line += "  \(format(allocations)) allocs/request" }
    say(line)
}

guard !rows.isEmpty else { exit(0) }
say("")
say("| benchmark | children | bytes/request | requests/s (wall) | MB/s (wall) | requests/s (CPU) | MB/s (CPU) | allocations/request |")
say("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows {
    let rps = r.requestsPerSecond.isEmpty ? "–" : grouped(median(r.requestsPerSecond))
    let mbps = r.megabytesPerSecond.isEmpty ? "–" : format(median(r.megabytesPerSecond))
    let cpuRPS = r.cpuRequestsPerSecond.isEmpty ? "–" : grouped(median(r.cpuRequestsPerSecond))
    let cpuMBPS = r.cpuMegabytesPerSecond.isEmpty ? "–" : format(median(r.cpuMegabytesPerSecond))
    let allocs = r.allocationsPerRequest.map(format) ?? "–"
    say("| \(r.name) | \(grouped(Double(r.children))) | \(grouped(r.averageBytes)) | \(rps) | \(mbps) | \(cpuRPS) | \(cpuMBPS) | \(allocs) |")
}

if let path = options.json {
    do { try writeJSON(rows, to: path, options: options, counting: counting) } catch {
        FileHandle.standardError.write(Data("cannot write \(path): \(error)\n".utf8))
        exit(1)
    }
    say("wrote \(path)")
}
