import Foundation

/// Command-line options of `safepost-load` (parsed by hand: the tool keeps to the standard
/// library, Foundation and the workload generator).
struct Options {
    /// A running daemon's socket; or nil with `startDaemon`.
    var socket: String?
    /// A `safepostd` executable to start on a temporary socket.
    var startDaemon: String?
    /// The Rules folder: what the started daemon serves and where breaching drafts take names.
    var rules: String?
    /// Extra arguments for the started daemon (`--daemon-arg --threads=2`).
    var daemonArguments: [String] = []
    var concurrency: [Int] = [1, 8, 64]
    var kinds: [RequestKind] = [.short, .email]
    /// Measured seconds per (kind, concurrency).
    var duration: Double = 10
    /// Unmeasured seconds before each measurement.
    var warmup: Double = 2
    /// Distinct requests per kind (cycled through).
    var poolSize = 1000
    var seed: UInt64 = 20_261_126
    /// Seconds of the long memory run (0: none), its concurrency and kind, and the RSS sampling period.
    var memoryRun: Double = 0
    var memoryConcurrency = 64
    var memoryKind = RequestKind.short
    var sampleEvery: Double = 10
    /// Event-loop threads of the load generator itself.
    var threads = 1
    /// Print one Markdown table row per measurement instead of the aligned text.
    var markdown = false
    /// Runs of each (kind, concurrency), interleaved; the report gives each run and the median.
    var repeats = 1
    /// Measure against the do-nothing responder instead of a daemon (see ``FloorResponder``).
    var floor = false
    /// Write the medians per (kind, concurrency) as JSON here (read by Benchmarks/scripts/plot.py).
    var json: String?

    static let usage = """
        usage: safepost-load (--socket PATH | --start-daemon PATH) [options]

          --socket PATH           a running safepostd's socket
          --start-daemon PATH     start this safepostd on a temporary socket (and stop it at the end)
          --rules DIR             Rules folder for the started daemon and for the drafts' names
                                  (default: the repository's Rules/, or $SAFEPOST_RULES)
          --daemon-arg ARG        pass ARG to the started daemon (repeatable), e.g. --daemon-arg=--threads=2
          --concurrency LIST      connections, one request in flight each (default 1,8,64)
          --kind LIST             short, email or both (default short,email)
          --duration S            measured seconds per case (default 10)
          --warmup S              unmeasured seconds before each case (default 2)
          --repeat N              run every case N times, interleaved; report each run and the median (default 1)
          --pool N                distinct requests per kind, cycled (default 1000)
          --seed N                workload seed (default 20261126)
          --memory-run S          afterwards, run S seconds and sample the daemon's RSS (default 0: no)
          --memory-concurrency N  connections for the memory run (default 64)
          --memory-kind KIND      short or email for the memory run (default short)
          --sample-every S        RSS sampling period of the memory run (default 10)
          --threads N             load generator threads (default 1)
          --markdown              print results as Markdown table rows
          --json FILE             also write the medians per kind and concurrency as JSON
                                  ({"rows": [{"kind", "concurrency", "rps", "p50_us", "p99_us", "p999_us", …}]})
          --floor                 instead of a daemon, a do-nothing responder in this process that
                                  echoes each request body: the cost of the socket round trip alone
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String, _ inline: String?) throws -> String {
            if let inline { return inline }
            guard let next = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            return next
        }
        func number<T: LosslessStringConvertible>(_ flag: String, _ text: String) throws -> T {
            guard let n = T(text) else { throw UsageError("\(flag): not a number: \(text)") }
            return n
        }
        while let argument = rest.popFirst() {
            var flag = argument
            var inline: String?
            if let eq = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                flag = String(argument[..<eq])
                inline = String(argument[argument.index(after: eq)...])
            }
            switch flag {
            case "--socket": options.socket = try value(flag, inline)
            case "--start-daemon": options.startDaemon = try value(flag, inline)
            case "--rules": options.rules = try value(flag, inline)
            case "--daemon-arg": options.daemonArguments.append(try value(flag, inline))
            case "--concurrency":
                options.concurrency = try value(flag, inline).split(separator: ",").map { try number(flag, String($0)) }
            case "--kind":
                options.kinds = try value(flag, inline).split(separator: ",").map {
                    guard let kind = RequestKind(rawValue: String($0)) else { throw UsageError("--kind: short or email, not \($0)") }
                    return kind
                }
            case "--duration": options.duration = try number(flag, try value(flag, inline))
            case "--warmup": options.warmup = try number(flag, try value(flag, inline))
            case "--repeat": options.repeats = try number(flag, try value(flag, inline))
            case "--pool": options.poolSize = try number(flag, try value(flag, inline))
            case "--seed": options.seed = try number(flag, try value(flag, inline))
            case "--memory-run": options.memoryRun = try number(flag, try value(flag, inline))
            case "--memory-concurrency": options.memoryConcurrency = try number(flag, try value(flag, inline))
            case "--memory-kind":
                guard let kind = RequestKind(rawValue: try value(flag, inline)) else { throw UsageError("--memory-kind: short or email") }
                options.memoryKind = kind
            case "--sample-every": options.sampleEvery = try number(flag, try value(flag, inline))
            case "--threads": options.threads = try number(flag, try value(flag, inline))
            case "--markdown": options.markdown = true
            case "--floor": options.floor = true
            case "--json": options.json = try value(flag, inline)
            case "-h", "--help":
                print(usage)
                exit(0)
            default: throw UsageError("unknown option \(argument)")
            }
        }
        let targets = [options.socket != nil, options.startDaemon != nil, options.floor].filter { $0 }.count
        guard targets == 1 else { throw UsageError("give exactly one of --socket, --start-daemon and --floor") }
        guard options.concurrency.allSatisfy({ $0 >= 1 }), options.memoryConcurrency >= 1 else {
            throw UsageError("concurrency must be at least 1")
        }
        guard options.poolSize >= 1, options.threads >= 1, options.repeats >= 1, options.duration > 0 else {
            throw UsageError("--pool, --threads, --repeat and --duration must be positive")
        }
        return options
    }

    /// The Rules folder: `--rules`, `$SAFEPOST_RULES`, or the repository's `Rules/` found from this file.
    var rulesDirectory: String {
        if let rules { return rules }
        if let env = ProcessInfo.processInfo.environment["SAFEPOST_RULES"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // this file, safepost-load, Sources, Benchmarks
        return url.appendingPathComponent("Rules").path
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
