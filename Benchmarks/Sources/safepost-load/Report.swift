import Foundation

/// Writes a line to standard output at once (unbuffered, so a long run shows progress when piped).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Text or Markdown rows of results.
struct Report {
    let markdown: Bool

    private static let columns = [
        "kind", "conc", "run", "requests", "req/s", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs",
        "errors", "daemon CPU µs/req", "load CPU µs/req", "daemon RSS MiB",
    ]

    func header() {
        line(Self.columns)
        if markdown { say("|" + Self.columns.map { _ in "---:|" }.joined()) }
    }

    func row(_ r: CaseResult) {
        line([
            r.kind.rawValue, "\(r.concurrency)", "\(r.run)", grouped(r.requests), grouped(Int(r.perSecond.rounded())),
            fixed(r.micros(50)), fixed(r.micros(90)), fixed(r.micros(99)), fixed(r.micros(99.9)),
            fixed(Double(r.histogram.max) / 1000), "\(r.errors)",
            r.daemonMicrosPerRequest.map { fixed($0) } ?? "?", fixed(r.loadMicrosPerRequest),
            r.rssKiB.map { fixed(Double($0) / 1024) } ?? "?",
        ])
    }

    /// Per (kind, concurrency): the median of each figure over the runs.
    func medians(_ results: [CaseResult]) {
        say("")
        say("medians of \(Set(results.map(\.run)).count) runs:")
        let columns = ["kind", "conc", "req/s", "p50 µs", "p99 µs", "p99.9 µs", "daemon CPU µs/req", "load CPU µs/req", "errors"]
        line(columns)
        if markdown { say("|" + columns.map { _ in "---:|" }.joined()) }
        var seen: [String] = []
        for r in results where !seen.contains("\(r.kind)/\(r.concurrency)") {
            seen.append("\(r.kind)/\(r.concurrency)")
            let group = results.filter { $0.kind == r.kind && $0.concurrency == r.concurrency }
            line([
                r.kind.rawValue, "\(r.concurrency)",
                grouped(Int(median(group.map(\.perSecond)).rounded())),
                fixed(median(group.map { $0.micros(50) })), fixed(median(group.map { $0.micros(99) })),
                fixed(median(group.map { $0.micros(99.9) })),
                group.allSatisfy({ $0.daemonMicrosPerRequest != nil }) ? fixed(median(group.map { $0.daemonMicrosPerRequest! })) : "?",
                fixed(median(group.map(\.loadMicrosPerRequest))),
                "\(group.map(\.errors).reduce(0, +))",
            ])
        }
    }

    private func line(_ cells: [String]) {
        if markdown {
            say("| " + cells.joined(separator: " | ") + " |")
        } else {
            say(cells.enumerated().map { i, cell in
                let width = i == 0 ? 6 : max(7, min(12, cell.count))
                return String(repeating: " ", count: max(0, width - cell.count)) + cell
            }.joined(separator: "  "))
        }
    }
}

/// The medians per (kind, concurrency) as JSON rows, with how they were taken.
func writeJSON(_ results: [CaseResult], to path: String, target: String, load: String) throws {
    var rows: [[String: Any]] = []
    var seen: [String] = []
    for r in results where !seen.contains("\(r.kind)/\(r.concurrency)") {
        seen.append("\(r.kind)/\(r.concurrency)")
        let group = results.filter { $0.kind == r.kind && $0.concurrency == r.concurrency }
        var row: [String: Any] = [
            "kind": r.kind.rawValue, "concurrency": r.concurrency, "runs": group.count,
            "rps": median(group.map(\.perSecond)).rounded(),
            "p50_us": median(group.map { $0.micros(50) }), "p90_us": median(group.map { $0.micros(90) }),
            "p99_us": median(group.map { $0.micros(99) }), "p999_us": median(group.map { $0.micros(99.9) }),
            "load_cpu_us_per_request": median(group.map(\.loadMicrosPerRequest)),
            "errors": group.map(\.errors).reduce(0, +),
        ]
        if group.allSatisfy({ $0.daemonMicrosPerRequest != nil }) {
            row["daemon_cpu_us_per_request"] = median(group.map { $0.daemonMicrosPerRequest! })
        }
        rows.append(row)
    }
    let formatter = ISO8601DateFormatter()
    let document: [String: Any] = [
        "rows": rows, "target": target, "load_average_at_start": load, "date_utc": formatter.string(from: Date()),
        "command": CommandLine.arguments.joined(separator: " "),
    ]
    let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func fixed(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }

func grouped(_ value: Int) -> String {
    let digits = String(value)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return out
}

/// The long run: load at one concurrency while the daemon's RSS is sampled.
///
/// "Flat" means: after the first sixth of the run (warm-up of caches, arenas and scanners), the
/// RSS never rises more than max(2 MiB, 3 %) above the first sample of that stretch. The samples
/// are printed so the reader can judge for themselves.
struct MemoryRun {
    let daemon: DaemonUnderTest
    let runner: Runner
    let pool: RequestPool
    let options: Options

    func run() -> Bool {
        let seconds = options.memoryRun
        say("")
        say("memory run: \(pool.kind) drafts at concurrency \(options.memoryConcurrency) for \(Int(seconds)) s, RSS every \(options.sampleEvery) s")
        let start = daemon.residentKiB()
        say("  t s   RSS KiB   req/s (interval)")
        say(String(format: "%5.0f  %8d", 0.0, start ?? -1))
        var samples: [(t: Double, kib: Int)] = []
        var previous = (t: 0.0, count: 0)
        let result: CaseResult
        do {
            result = try runner.run(
                pool: pool, concurrency: options.memoryConcurrency, warmup: 0, duration: seconds, run: 1,
                sampleEvery: options.sampleEvery
            ) { t, count in
                let kib = daemon.residentKiB() ?? -1
                samples.append((t, kib))
                let rate = Double(count - previous.count) / (t - previous.t)
                previous = (t, count)
                say(String(format: "%5.0f  %8d   %8.0f", t, kib, rate))
            }
        } catch {
            say("  memory run failed: \(error)")
            return false
        }
        for message in result.firstErrors { say("  error: \(message)") }
        say("  \(grouped(result.requests)) requests, \(grouped(Int(result.perSecond.rounded()))) req/s, p50 \(fixed(result.micros(50))) µs, "
            + "p99 \(fixed(result.micros(99))) µs, p99.9 \(fixed(result.micros(99.9))) µs, errors \(result.errors)")
        let settled = samples.filter { $0.t >= seconds / 6 }
        guard let base = settled.first, let peak = settled.map(\.kib).max(), let last = samples.last else {
            say("  too few samples to judge memory")
            return result.errors == 0
        }
        let allowance = max(2048, base.kib * 3 / 100)
        let flat = peak - base.kib <= allowance
        say("  RSS: \(start ?? -1) KiB at start, \(base.kib) KiB at \(Int(base.t)) s, peak after that \(peak) KiB, "
            + "\(last.kib) KiB at the end (\(last.kib - base.kib >= 0 ? "+" : "")\(last.kib - base.kib) KiB); "
            + (flat ? "flat" : "NOT flat") + " (allowance \(allowance) KiB above the \(Int(base.t)) s sample)")
        return flat && result.errors == 0
    }
}
