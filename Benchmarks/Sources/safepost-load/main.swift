// safepost-load: a load generator for safepostd over its Unix socket.
//
// Keep-alive connections, one request in flight each (concurrency = connections, no
// pipelining), real `POST /v1/check` JSON requests from the seeded workload, every answer
// checked against a reference answer. Reports requests/s, latency percentiles (HdrHistogram),
// errors, CPU time per request of the daemon and of this tool, and, for the long run, the
// daemon's resident memory over time. See docs/performance.md and mk/load.mk.
import Foundation
import Glibc
import Workload

signal(SIGPIPE, SIG_IGN)


let options: Options
do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("safepost-load: \(error)\n\n\(Options.usage)\n".utf8))
    exit(2)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("safepost-load: \(message)\n".utf8))
    exit(1)
}

let rules = options.rulesDirectory
let names: NameSource
do { names = try NameSource(rulesDirectory: rules) } catch { fail("cannot read names from \(rules): \(error)") }

let daemon: DaemonUnderTest
do {
    if options.floor {
        daemon = DaemonUnderTest(socket: try FloorResponder().socketPath)
    } else if let executable = options.startDaemon {
        daemon = try DaemonUnderTest(executable: executable, rules: rules, arguments: options.daemonArguments)
    } else {
        daemon = DaemonUnderTest(socket: options.socket!)
        try daemon.health()
    }
} catch { fail("\(error)") }

var exitStatus: Int32 = 0

do {
    if !options.floor { try Verifier.knownAnswers(socket: daemon.socket, names: names) }
} catch {
    _ = daemon.stop()
    fail("\(error)")
}

var kinds = options.kinds
if options.memoryRun > 0 && !kinds.contains(options.memoryKind) { kinds.append(options.memoryKind) }
var pools: [RequestKind: RequestPool] = [:]
for kind in kinds {
    let pool = RequestPool(kind: kind, count: options.poolSize, names: names, seed: options.seed)
    do {
        if options.floor { Verifier.echo(pool) } else { try Verifier.reference(pool, socket: daemon.socket) }
    } catch {
        _ = daemon.stop()
        fail("\(error)")
    }
    pools[kind] = pool
    let counts = Verdict.allCases.map { v in "\(pool.expectedVerdict.filter { $0 == v }.count) \(v)" }.joined(separator: ", ")
    say("pool \(kind): \(pool.requests.count) requests, mean draft \(pool.meanDraftBytes) B, mean JSON body \(pool.meanBodyBytes) B, "
          + "\(pool.breaching.filter { $0 }.count) written to breach; reference verdicts: \(counts); workload fingerprint \(pool.fingerprint)")
}

let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
say("daemon pid \(daemon.pid.map(String.init) ?? "?"), \(daemon.threadCount().map(String.init) ?? "?") threads, RSS \(daemon.residentKiB().map { "\($0 / 1024) MiB" } ?? "?"); "
      + "load average \(load); \(options.threads) load thread(s), \(options.warmup) s warm-up + \(options.duration) s per case")

let runner = Runner(daemon: daemon, threads: options.threads)
var results: [CaseResult] = []
let report = Report(markdown: options.markdown)
if !options.kinds.isEmpty && !options.concurrency.isEmpty { report.header() }
for run in 1...options.repeats {
    for kind in options.kinds {
        for concurrency in options.concurrency {
            do {
                let result = try runner.run(
                    pool: pools[kind]!, concurrency: concurrency, warmup: options.warmup, duration: options.duration, run: run)
                report.row(result)
                for message in result.firstErrors { say("  error: \(message)") }
                if result.errors > 0 { exitStatus = 1 }
                results.append(result)
            } catch {
                say("  \(kind) c\(concurrency): \(error)")
                exitStatus = 1
            }
        }
    }
}
if options.repeats > 1 { report.medians(results) }
if let path = options.json, !results.isEmpty {
    let target = options.floor ? "floor" : (options.startDaemon ?? options.socket ?? "?")
    do { try writeJSON(results, to: path, target: target, load: load) } catch {
        say("cannot write \(path): \(error)")
        exitStatus = 1
    }
}

if options.memoryRun > 0 {
    let memory = MemoryRun(daemon: daemon, runner: runner, pool: pools[options.memoryKind]!, options: options)
    if !memory.run() { exitStatus = 1 }
}

do {
    if !options.floor { try Verifier.knownAnswers(socket: daemon.socket, names: names) }
} catch {
    say("after the load: \(error)")
    exitStatus = 1
}
if let status = daemon.stop(), status != 0 {
    say("safepostd exited with status \(status) after SIGTERM")
    exitStatus = 1
}
say(exitStatus == 0 ? "ok: every response was 200 and matched its reference" : "FAILED")
exit(exitStatus)
