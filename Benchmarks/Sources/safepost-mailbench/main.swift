// safepost-mailbench: the mail filter driven the way Postfix's pipe(8) drives it.
//
// One filter process per mail, N at a time: the mail goes to the filter's standard input through a
// pipe, its one line comes back through another, and its exit status is checked against what the
// mail was written to get (69 for a mail labelled block, 0 for every other). The filter asks a
// running safepostd (started here on a temporary socket with the shipped Rules, or the one at
// --socket) and re-injects allowed and reviewed mail into a null sendmail. Reports mails/s and
// latency percentiles per parallelism, the CPU time spent per mail by the filter (with its
// sendmail) and by safepostd, and the start-up time of the filter executable.
//
//   safepost-mailbench --filter PATH --safepostd PATH [--parallel 1,2,4,8] [--mails 2000]
//                      [--rounds 3] [--pool 1000] [--socket PATH] [--rules DIR] [--threads N]
//                      [--sendmail PATH] [--startup-runs 300] [--compare 'PATH ARGS...']...
//
// See mk/mail.mk (`make bench-mail`) and docs/performance.md.

import Foundation
import Histogram
import SafepostClient
import Workload

#if canImport(Glibc)
import Glibc
#endif

// MARK: Options

struct Options {
    var filter = ""
    var safepostd = ""
    var socket: String?
    var rules = Options.repository + "/Rules"
    var threads: Int?
    var sendmail: String?
    var sendmailKind: String?
    var parallel = [1, 2, 4, 8]
    var mailsPerRound = 2_000
    var rounds = 3
    var pool = 1_000
    var warmup = 100
    var startupRuns = 300
    var compare: [String] = []
    var seed = Workload.defaultSeed
    var dump: String?

    /// The repository root, from this file's place in it (Benchmarks/Sources/safepost-mailbench/).
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        func number(_ text: String) -> Int {
            guard let n = Int(text), n > 0 else { fail("not a positive number: \(text)") }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--filter": options.filter = value()
            case "--safepostd": options.safepostd = value()
            case "--socket": options.socket = value()
            case "--rules": options.rules = value()
            case "--threads": options.threads = number(value())
            case "--sendmail": options.sendmail = value()
            case "--sendmail-kind": options.sendmailKind = value()
            case "--parallel": options.parallel = value().split(separator: ",").map { number(String($0)) }
            case "--mails": options.mailsPerRound = number(value())
            case "--rounds": options.rounds = number(value())
            case "--pool": options.pool = number(value())
            case "--warmup": options.warmup = Int(value()) ?? 0
            case "--startup-runs": options.startupRuns = Int(value()) ?? 0
            case "--compare": options.compare.append(value())
            case "--seed": options.seed = UInt64(value()) ?? Workload.defaultSeed
            case "--dump": options.dump = value()
            case "-h", "--help":
                print("""
                    usage: safepost-mailbench --filter PATH [--safepostd PATH | --socket PATH] [--parallel 1,2,4,8]
                           [--mails N per round (2000)] [--rounds R (3)] [--pool N distinct mails (1000)] [--warmup N (100)]
                           [--rules DIR] [--threads N (safepostd's)] [--sendmail PATH | --sendmail-kind c|swift|sh (default: a null sendmail built here in C)]
                           [--startup-runs N (300)] [--compare 'PATH ARGS...' (start-up of another command, repeatable)]
                           [--dump DIR (write the pool as DIR/NNNN-LABEL.eml and stop)]
                    """)
                exit(0)
            default: fail("unknown argument \(arguments[i])")
            }
            i += 1
        }
        if options.dump != nil { return options }
        guard !options.filter.isEmpty else { fail("--filter PATH is required (the built safepost-mail-filter)") }
        guard options.socket != nil || !options.safepostd.isEmpty else { fail("--safepostd PATH or --socket PATH is required") }
        return options
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("safepost-mailbench: \(message)\n".utf8))
    exit(2)
}

// MARK: Processes

/// Nanoseconds on the monotonic clock.
func now() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
    strings.map { strdup($0) } + [nil]
}

/// Starts `argv` with the given descriptors as 0, 1 and 2 (every other descriptor of this
/// process is close-on-exec).
func spawn(_ argv: [String], stdin: Int32, stdout: Int32, stderr: Int32, env: [UnsafeMutablePointer<CChar>?]) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    var args = cStrings(argv)
    defer { for p in args { free(p) } }
    var pid: pid_t = 0
    var envCopy = env
    let rc = posix_spawn(&pid, argv[0], &actions, nil, &args, &envCopy)
    guard rc == 0 else { fail("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
    return pid
}

func makePipe() -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { fail("pipe: \(String(cString: strerror(errno)))") }
    // Close-on-exec: each filter gets only its own two pipes, as 0, 1 and 2.
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return (fds[0], fds[1])
}

func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
    }
}

func readAll(_ fd: Int32, limit: Int = 4096) -> String {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while out.count < limit {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 { out += chunk[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
    }
    return String(decoding: out, as: UTF8.self)
}

/// True when something accepts connections on the Unix socket at `path`.
func canConnect(_ path: String) -> Bool {
    guard let fd = try? UnixSocket.connect(path: path, deadline: .now + .milliseconds(200)) else { return false }
    close(fd)
    return true
}

/// User + system CPU time of a process so far, in seconds (from /proc/PID/stat).
func processCPU(_ pid: pid_t) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")") else { return 0 }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // After the command: state is field 3; utime and stime are fields 14 and 15.
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// User + system CPU time of this process so far (its own threads, not its children), in seconds.
func ownCPU() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
        .map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "?"
}

// MARK: Set-up

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
signal(SIGPIPE, SIG_IGN)
var template = Array("/tmp/mailbench-XXXXXX".utf8CString)
guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { fail("mkdtemp failed") }
let workDirectory = String(cString: template)

let environment = cStrings(["PATH=/usr/bin:/bin", "LANG=C.UTF-8"])
let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)

let names: NameSource
do { names = try NameSource(rulesDirectory: options.rules) } catch { fail("\(error)") }
let mails = Workload.mails(count: options.pool, names: names, seed: options.seed)
let mailBytes = mails.reduce(0) { $0 + $1.bytes.count }
if let directory = options.dump {
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (i, mail) in mails.enumerated() {
        let name = String(format: "%@/%04d-%@-%@.eml", directory, i, mail.label.rawValue, mail.shape.rawValue)
        FileManager.default.createFile(atPath: name, contents: Data(mail.bytes))
    }
    print("wrote \(mails.count) mails (\(mailBytes) bytes) to \(directory)")
    try? FileManager.default.removeItem(atPath: workDirectory)
    exit(0)
}

// The null sendmail: reads the whole message and exits 0. Real Postfix sendmail is a C program
// (it then runs postdrop, which writes the queue file; that cost is not measured here), so the
// stand-in is C too: a static executable built here with cc (`cc -O2 -static`), which starts
// without a dynamic loader. Without cc: a static Swift executable (swiftc -static-executable; the
// Swift runtime's start-up adds about half a millisecond of CPU); without either, a shell script
// running cat. `--sendmail-kind c|swift|sh` picks one; `--sendmail PATH` uses any program.
let nullSendmailC = """
    /* A null sendmail for benchmarks: reads its standard input to the end and exits 0. */
    #include <errno.h>
    #include <unistd.h>
    int main(void) {
        static char buffer[65536];
        for (;;) {
            ssize_t n = read(0, buffer, sizeof buffer);
            if (n > 0 || (n < 0 && errno == EINTR)) continue;
            return n == 0 ? 0 : 75;
        }
    }

    """
let nullSendmailSwift = """
    // A null sendmail for benchmarks: reads its standard input to the end and exits 0.
    #if canImport(Glibc)
    import Glibc
    #endif
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n > 0 || (n < 0 && errno == EINTR) { continue }
        exit(n == 0 ? 0 : 75)
    }

    """

/// The first executable called `name` in PATH.
func which(_ name: String) -> String? {
    let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return searchPath.map { String($0) + "/" + name }.first { access($0, X_OK) == 0 }
}

/// Runs `argv` to its end, output discarded; true when it exited 0.
@MainActor func runQuietly(_ argv: [String]) -> Bool {
    let pid = spawn(argv, stdin: devNull, stdout: devNull, stderr: devNull, env: environment)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status == 0
}

var sendmailKind = ""
var sendmail = ""
if let path = options.sendmail {
    sendmail = path
    sendmailKind = "`\(path)`"
} else {
    let kinds = options.sendmailKind.map { [$0] } ?? ["c", "swift", "sh"]
    for kind in kinds where sendmail.isEmpty {
        let binary = workDirectory + "/null-sendmail-" + kind
        switch kind {
        case "c":
            let source = workDirectory + "/null-sendmail.c"
            try! nullSendmailC.write(toFile: source, atomically: true, encoding: .utf8)
            if let cc = which("cc") ?? which("gcc") ?? which("clang"), runQuietly([cc, "-O2", "-static", source, "-o", binary]) {
                sendmail = binary
                sendmailKind = "null: a static C executable that reads standard input to its end and exits 0 (`cc -O2 -static`)"
            }
        case "swift":
            let source = workDirectory + "/null-sendmail.swift"
            try! nullSendmailSwift.write(toFile: source, atomically: true, encoding: .utf8)
            if let swiftc = which("swiftc"), runQuietly([swiftc, "-O", "-static-executable", source, "-o", binary]) {
                sendmail = binary
                sendmailKind = "null: a static Swift executable that reads standard input to its end and exits 0 (`swiftc -O -static-executable`)"
            }
        case "sh":
            try! "#!/bin/sh\nexec cat >/dev/null\n".write(toFile: binary, atomically: true, encoding: .utf8)
            chmod(binary, 0o755)
            sendmail = binary
            sendmailKind = "null: `#!/bin/sh` + `exec cat >/dev/null`"
        default:
            fail("--sendmail-kind must be c, swift or sh, not \(kind)")
        }
    }
    guard !sendmail.isEmpty else { fail("cannot build the null sendmail (\(kinds.joined(separator: ", ")))") }
}

// safepostd: the one at --socket, or one started here.
var daemonPID: pid_t = 0
let socketPath: String
if let given = options.socket {
    socketPath = given
    guard canConnect(socketPath) else { fail("nothing answers on \(socketPath)") }
} else {
    socketPath = workDirectory + "/d.sock"
    var argv = [options.safepostd, "--config", "/dev/null", "--socket", socketPath, "--rules", options.rules,
                "--concerns", workDirectory + "/concerns.jsonl"]
    if let threads = options.threads { argv += ["--threads", String(threads)] }
    let log = open(workDirectory + "/safepostd.log", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    daemonPID = spawn(argv, stdin: devNull, stdout: log, stderr: log, env: environment)
    close(log)
    let deadline = now() + 60_000_000_000
    while !canConnect(socketPath) {
        var status: Int32 = 0
        if waitpid(daemonPID, &status, WNOHANG) == daemonPID {
            fail("safepostd exited:\n" + ((try? String(contentsOfFile: workDirectory + "/safepostd.log", encoding: .utf8)) ?? ""))
        }
        guard now() < deadline else { fail("safepostd did not answer within 60 s") }
        usleep(20_000)
    }
}
@MainActor func stopDaemon() {
    guard daemonPID > 0 else { return }
    kill(daemonPID, SIGTERM)
    var status: Int32 = 0
    waitpid(daemonPID, &status, 0)
    daemonPID = 0
}

print("# safepost-mailbench")
print()
print("- filter: `\(options.filter)`; safepostd: \(options.socket.map { "running at `\($0)`" } ?? "`\(options.safepostd)`\(options.threads.map { " --threads \($0)" } ?? "") (shipped Rules)")")
print("- sendmail: \(sendmailKind)")
print("- pool: \(mails.count) mails, \(mailBytes) bytes (mean \(mailBytes / max(1, mails.count))), fingerprint \(Workload.fingerprint(mails))")
for size in MailGenerator.sizes {
    let some = mails.filter { $0.sizeClass == size }
    print("  - about \(size / 1024) KB: \(some.count) mails, mean \(some.reduce(0) { $0 + $1.bytes.count } / max(1, some.count)) bytes, of which prose (subject and text, what is screened) \(some.reduce(0) { $0 + $1.textBytes } / max(1, some.count)) bytes")
}
let labelCounts = MailLabel.allCases.map { label in "\(label.rawValue) \(mails.filter { $0.label == label }.count)" }
print("  - labels: \(labelCounts.joined(separator: ", ")); shapes: \(MailShape.allCases.map { shape in "\(shape.rawValue) \(mails.filter { $0.shape == shape }.count)" }.joined(separator: ", "))")
print("- load average at start: \(loadAverage()); cores: \(sysconf(Int32(_SC_NPROCESSORS_ONLN)))")
print()

// MARK: One round

struct Running {
    var index: Int
    var start: UInt64
    var output: Int32
}

struct RoundResult {
    var mails: Int
    var seconds: Double
    var latencies: Histogram<UInt64>
    var mismatches: [String]
    var filterCPU: Double
    var daemonCPU: Double
    /// This process's own CPU time in the round (spawning, feeding pipes, waiting, reading lines).
    var harnessCPU: Double
    var statuses: [Int32: Int]
}

/// Runs `count` mails through the filter, `parallel` at a time, starting at pool index `offset`.
@MainActor func round(count: Int, parallel: Int, offset: Int) -> RoundResult {
    var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    var running: [pid_t: Running] = [:]
    var mismatches: [String] = []
    var statuses: [Int32: Int] = [:]
    var started = 0
    var finished = 0
    var childCPU = 0.0
    let daemonBefore = daemonPID > 0 ? processCPU(daemonPID) : 0
    let harnessBefore = ownCPU()
    let begin = now()
    while finished < count {
        while running.count < parallel && started < count {
            let index = (offset + started) % mails.count
            let mail = mails[index]
            let input = makePipe()
            let output = makePipe()
            if mail.bytes.count > 60_000 { _ = fcntl(input.write, 1031 /* F_SETPIPE_SZ */, 1 << 20) }
            let argv = [options.filter, "--socket", socketPath, "--sendmail", sendmail,
                        "-f", "staff@stonham.example", "--", "friend@elsewhere.example"]
            let start = now()
            let pid = spawn(argv, stdin: input.read, stdout: output.write, stderr: output.write, env: environment)
            close(input.read)
            close(output.write)
            writeAll(input.write, mail.bytes)  // fits in the pipe: never blocks on a slow filter
            close(input.write)
            running[pid] = Running(index: index, start: start, output: output.read)
            started += 1
        }
        var status: Int32 = 0
        var usage = rusage()
        let pid = wait4(-1, &status, 0, &usage)
        if pid < 0 {
            if errno == EINTR { continue }
            fail("wait4: \(String(cString: strerror(errno)))")
        }
        let end = now()
        guard let run = running.removeValue(forKey: pid) else { continue }  // the daemon, say
        _ = histogram.record((end - run.start) / 1_000)
        childCPU += Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        statuses[code, default: 0] += 1
        let mail = mails[run.index]
        let expected: Int32 = mail.label == .block ? 69 : 0
        let line = readAll(run.output)
        close(run.output)
        if code != expected {
            mismatches.append("mail \(run.index) (\(mail.label.rawValue), \(mail.shape.rawValue), \(mail.bytes.count) B): exit \(code), expected \(expected): \(line.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        finished += 1
    }
    let seconds = Double(now() - begin) / 1e9
    let daemonCPU = daemonPID > 0 ? processCPU(daemonPID) - daemonBefore : 0
    return RoundResult(mails: count, seconds: seconds, latencies: histogram, mismatches: mismatches,
                       filterCPU: childCPU, daemonCPU: daemonCPU, harnessCPU: ownCPU() - harnessBefore, statuses: statuses)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func ms(_ microseconds: UInt64) -> String { String(format: "%.2f", Double(microseconds) / 1000) }

// MARK: Start-up

/// Median wall time and CPU time (user + system from wait4, so exec and exit included, and any
/// child it waited for) of `argv` run to its end, one at a time, with the first pool mail written
/// into a pipe on its standard input (as the filter gets it), output to /dev/null.
@MainActor func startup(_ argv: [String], runs: Int) -> (median: Double, p90: Double, cpu: Double) {
    var times: [Double] = []
    var cpus: [Double] = []
    for _ in 0..<(runs + 10) {
        let input = makePipe()
        let start = now()
        let pid = spawn(argv, stdin: input.read, stdout: devNull, stderr: devNull, env: environment)
        close(input.read)
        writeAll(input.write, mails[min(1, mails.count - 1)].bytes)
        close(input.write)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        times.append(Double(now() - start) / 1e6)
        cpus.append((Double(usage.ru_utime.tv_sec) + Double(usage.ru_stime.tv_sec)) * 1000
            + (Double(usage.ru_utime.tv_usec) + Double(usage.ru_stime.tv_usec)) / 1000)
    }
    let measured = Array(times.dropFirst(10)).sorted()
    return (median(measured), measured[min(measured.count - 1, measured.count * 9 / 10)], median(Array(cpus.dropFirst(10))))
}

if options.startupRuns > 0 {
    print("## Start-up (one process at a time, \(options.startupRuns) runs, after 10 unmeasured; load \(loadAverage()))")
    print()
    print("| command | median ms | p90 ms | median CPU ms |")
    print("|---|---:|---:|---:|")
    var commands = [[options.filter, "--help"], [sendmail, "-G", "-i", "-f", "a@b", "--", "c@d"], ["/bin/true"]]
    commands += options.compare.map { $0.split(separator: " ").map(String.init) }
    // One whole mail (the pool's second, ~4 KB) through the filter and the null sendmail, one at a time.
    commands.append([options.filter, "--socket", socketPath, "--sendmail", sendmail, "-f", "staff@stonham.example", "--", "friend@elsewhere.example"])
    for argv in commands {
        let (m, p90, cpu) = startup(argv, runs: options.startupRuns)
        let shown = argv.contains("--socket") ? [argv[0], "(one mail)"] : argv
        print("| `\(shown.map { $0.hasPrefix("/") ? ($0 as NSString).lastPathComponent : $0 }.joined(separator: " "))` | \(String(format: "%.2f", m)) | \(String(format: "%.2f", p90)) | \(String(format: "%.2f", cpu)) |")
    }
    print()
}

// MARK: Mails

if options.warmup > 0 {
    let warm = round(count: options.warmup, parallel: 2, offset: 0)
    if !warm.mismatches.isEmpty {
        print("warm-up: \(warm.mismatches.count) unexpected exit statuses, e.g.:")
        for line in warm.mismatches.prefix(5) { print("  \(line)") }
    }
}

print("## Mails through the filter (\(options.mailsPerRound) per round, \(options.rounds) rounds per parallelism; medians of the rounds)")
print()
print("| parallel | mails/s (median) | rounds (mails/s) | p50 ms | p90 ms | p99 ms | max ms | filter+sendmail CPU ms/mail | safepostd CPU ms/mail | harness CPU ms/mail | all CPU ms/mail | CPU ceiling mails/s | unexpected exits | load at end |")
print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
var allMismatches: [String] = []
var offset = 0
for parallel in options.parallel {
    var results: [RoundResult] = []
    for _ in 0..<options.rounds {
        let result = round(count: options.mailsPerRound, parallel: parallel, offset: offset)
        offset += options.mailsPerRound
        results.append(result)
        allMismatches += result.mismatches
    }
    let rates = results.map { Double($0.mails) / $0.seconds }
    // The round with the median rate gives the latencies shown.
    let middle = results.sorted { Double($0.mails) / $0.seconds < Double($1.mails) / $1.seconds }[results.count / 2]
    let h = middle.latencies
    let filterCPU = median(results.map { $0.filterCPU * 1000 / Double($0.mails) })
    let daemonCPU = median(results.map { $0.daemonCPU * 1000 / Double($0.mails) })
    let harnessCPU = median(results.map { $0.harnessCPU * 1000 / Double($0.mails) })
    let allCPU = median(results.map { ($0.filterCPU + $0.daemonCPU + $0.harnessCPU) * 1000 / Double($0.mails) })
    // What the cores could do if they ran nothing else: cores ÷ CPU per mail.
    let ceiling = Double(sysconf(Int32(_SC_NPROCESSORS_ONLN))) * 1000 / max(allCPU, 0.001)
    let unexpected = results.reduce(0) { $0 + $1.mismatches.count }
    print("| \(parallel) | \(Int(median(rates).rounded())) | \(rates.map { String(Int($0.rounded())) }.joined(separator: ", ")) | \(ms(h.valueAtPercentile(50))) | \(ms(h.valueAtPercentile(90))) | \(ms(h.valueAtPercentile(99))) | \(ms(h.max)) | \(String(format: "%.2f", filterCPU)) | \(daemonPID > 0 ? String(format: "%.2f", daemonCPU) : "–") | \(String(format: "%.2f", harnessCPU)) | \(String(format: "%.2f", allCPU)) | \(Int(ceiling.rounded())) | \(unexpected) | \(loadAverage()) |")
}
print()
let total = options.parallel.count * options.rounds * options.mailsPerRound
print("Exit statuses checked: \(total) mails, \(allMismatches.count) not what their label expects (69 for block, 0 otherwise).")
for line in allMismatches.prefix(10) { print("  - \(line)") }
stopDaemon()
try? FileManager.default.removeItem(atPath: workDirectory)
exit(allMismatches.isEmpty ? 0 : 1)
