import Foundation
import SafepostClient
import Testing

/// Where things are: the repository (from this file: top-level folders cannot be test resources)
/// and the built executables next to the test bundle.
enum Paths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = repo.appendingPathComponent("Rules").path
    static let mailCorpus = repo.appendingPathComponent("Corpus/mail")

    static var safepost: String { binary("safepost") }
    static var safepostd: String { binary("safepostd") }
    static var mailFilter: String { binary("safepost-mail-filter") }

    static func binary(_ name: String) -> String {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return repo.appendingPathComponent(".build/debug/\(name)").path
    }

    /// A fresh short directory (`/tmp/spm-XXXXXXXX`: Unix socket paths are limited to 107 bytes).
    static func temporaryDirectory() throws -> String {
        let path = "/tmp/spm-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The built `safepostd` on a temporary socket, with the shipped Rules, stopped on `deinit`.
final class MailDaemon: @unchecked Sendable {
    let directory: String
    let socketPath: String
    let logPath: String
    private(set) var process: Process
    private let arguments: [String]

    /// One daemon shared by the tests that only screen (stopped when the test process exits).
    static let shared: MailDaemon = {
        do {
            let daemon = try MailDaemon()
            atexit { MailDaemon.sharedStop() }
            return daemon
        } catch {
            fatalError("cannot start safepostd for the mail tests: \(error)")
        }
    }()

    private static func sharedStop() {
        if shared.process.isRunning { kill(shared.process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: shared.directory)
    }

    init(arguments: [String] = []) throws {
        directory = try Paths.temporaryDirectory()
        socketPath = directory + "/d.sock"
        logPath = directory + "/stderr.log"
        self.arguments = [
            "--config", "/dev/null", "--socket", socketPath, "--rules", Paths.rules,
            "--concerns", directory + "/concerns.jsonl", "--threads", "1",
        ] + arguments
        process = Process()
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts the daemon (again) and waits until it answers.
    func start() throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.safepostd)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard process.isRunning else { throw TestFailure("safepostd exited before serving:\n\(log)") }
            if canConnect(socketPath) { return }
            usleep(20_000)
        }
        throw TestFailure("safepostd did not serve within 30 s:\n\(log)")
    }

    /// SIGTERM, and waits for the exit.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

/// True when something accepts connections on the Unix socket at `path`.
func canConnect(_ path: String) -> Bool {
    guard let fd = try? UnixSocket.connect(path: path, deadline: .now + .milliseconds(200)) else { return false }
    close(fd)
    return true
}

/// A socket bound to `path` and listening, for the fake daemons below.
func listeningSocket(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw TestFailure("cannot listen on \(path)") }
    return fd
}

/// A Unix socket that accepts connections into its backlog and never answers: a hung daemon.
final class SilentSocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = try listeningSocket(path)
    }

    deinit {
        close(fd)
        unlink(path)
    }
}

/// A fake daemon that answers every connection with the same bytes, once it has read the
/// request's head and `Content-Length` body (or the client stopped sending).
final class CannedSocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let answer: [UInt8]

    init(path: String, answer: String) throws {
        self.path = path
        self.answer = Array(answer.utf8)
        fd = try listeningSocket(path)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    private func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            var request: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                request += chunk[0..<n]
                let text = String(decoding: request, as: UTF8.self)
                if let end = text.range(of: "\r\n\r\n") {
                    let head = text[..<end.lowerBound].lowercased()
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                    if request.count - text[..<end.upperBound].utf8.count >= length { break }
                }
            }
            _ = answer.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(client)
        }
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }
}

/// A fake sendmail: a shell script that records its arguments (one per line, NUL-separated in
/// `argv`) and its standard input, then exits with `status` (after `sleep` seconds, if any).
struct FakeSendmail {
    let directory: String
    var path: String { directory + "/sendmail" }
    var argvPath: String { directory + "/sendmail.argv" }
    var stdinPath: String { directory + "/sendmail.stdin" }
    var finishedPath: String { directory + "/sendmail.finished" }

    init(directory: String, status: Int = 0, stderr: String = "", sleep: Double = 0) throws {
        self.directory = directory
        var script = "#!/bin/sh\n"
        script += "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > '\(argvPath)'\n"
        script += "cat > '\(stdinPath)'\n"
        if sleep > 0 { script += "sleep \(sleep)\n" }
        if !stderr.isEmpty { script += "echo '\(stderr)' >&2\n" }
        script += "touch '\(finishedPath)'\n"
        script += "exit \(status)\n"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    /// The arguments sendmail got (without its own name), or nil when it was not run.
    var arguments: [String]? {
        guard let data = FileManager.default.contents(atPath: argvPath) else { return nil }
        var parts = data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// What sendmail read, or nil when it was not run.
    var input: [UInt8]? {
        FileManager.default.contents(atPath: stdinPath).map { Array($0) }
    }

    var ran: Bool { FileManager.default.fileExists(atPath: argvPath) }
}

/// The two ways to start the filter: the `safepost-mail-filter` executable (what master.cf names)
/// and the `safepost mail-filter` subcommand. Both run the same `MailFilterRun`.
enum FilterCommand: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case thin = "safepost-mail-filter"
    case subcommand = "safepost mail-filter"

    var testDescription: String { rawValue }

    /// The executable and the arguments that come before the filter's own.
    var launch: (path: String, arguments: [String]) {
        switch self {
        case .thin: (Paths.mailFilter, [])
        case .subcommand: (Paths.safepost, ["mail-filter"])
        }
    }
}

/// One run of the filter.
struct FilterRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    /// The output as Postfix sees it (pipe(8) reads both streams).
    var output: String { stdout + stderr }
}

/// Runs the filter (`safepost-mail-filter ARGUMENTS` unless told otherwise) with `input` on standard input.
func runFilter(_ arguments: [String], input: [UInt8], via command: FilterCommand = .thin, throughPipe: Bool = false) throws -> FilterRun {
    let directory = try Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let inputPath = directory + "/in"
    let outPath = directory + "/out"
    let errPath = directory + "/err"
    _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input))
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command.launch.path)
    process.arguments = command.launch.arguments + arguments
    // A regular file, as most tests give it; or a pipe, as Postfix's pipe(8) does.
    let pipe = throughPipe ? Pipe() : nil
    process.standardInput = pipe ?? FileHandle(forReadingAtPath: inputPath)
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    let start = Date()
    try process.run()
    if let pipe {
        // Written from another thread: the filter may stop reading early (oversize) or late.
        let writer = Thread {
            signal(SIGPIPE, SIG_IGN)
            try? pipe.fileHandleForWriting.write(contentsOf: Data(input))
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
    }
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    return FilterRun(
        status: process.terminationStatus,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
        seconds: seconds)
}

/// The bytes of a mail written with "\n" line endings, optionally with CRLF.
func mail(_ text: String, crlf: Bool = false) -> [UInt8] {
    let lf = Array(text.utf8)
    guard crlf else { return lf }
    var out: [UInt8] = []
    for b in lf {
        if b == 0x0A { out.append(0x0D) }
        out.append(b)
    }
    return out
}

/// The header block of a message (up to the first empty line), as text.
func headerBlock(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    if let range = text.range(of: "\n\n") ?? text.range(of: "\r\n\r\n") { return String(text[..<range.lowerBound]) }
    return text
}
