import Foundation
import Testing

/// Starts the built `safepostd` on a temporary socket, as a user would, and stops it.
///
/// Each instance owns a short temporary directory (`/tmp/sp-XXXXXXXX/`: Unix socket paths are
/// limited to 107 bytes) holding the socket, the record of concern and the daemon's stderr log.
/// The directory is removed and the process killed (if still running) on `deinit`.
final class DaemonProcess {
    let directory: String
    let socketPath: String
    let concernsPath: String
    let logPath: String
    let process: Process

    /// The repository, from this file's location (top-level folders cannot be test resources).
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shippedRules = repo.appendingPathComponent("Rules").path

    /// The built `safepostd`, next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("safepostd")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repo.appendingPathComponent(".build/debug/safepostd")
    }

    /// A fresh short temporary directory.
    static func makeDirectory() throws -> String {
        let path = "/tmp/sp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// Starts the daemon with the shipped Rules (or `rules`) and `arguments`, and waits until it
    /// answers on its socket. `socketPath` defaults to `<directory>/d.sock`.
    init(rules: String = DaemonProcess.shippedRules, arguments: [String] = [], socketPath: String? = nil,
         environment: [String: String]? = nil, wait: Bool = true) throws {
        directory = try DaemonProcess.makeDirectory()
        self.socketPath = socketPath ?? directory + "/d.sock"
        concernsPath = directory + "/concerns.jsonl"
        logPath = directory + "/stderr.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process = Process()
        process.executableURL = DaemonProcess.binary
        process.arguments = [
            "--config", "/dev/null", "--socket", self.socketPath, "--rules", rules, "--concerns", concernsPath,
            "--threads", "1",
        ] + arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        if wait { try waitUntilServing() }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// What the daemon wrote to stderr so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Polls until a connection succeeds, the process exits, or `timeout` passes.
    func waitUntilServing(timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else {
                throw DaemonFailure("safepostd exited with \(process.terminationStatus) before serving:\n\(log)")
            }
            if let connection = try? UnixConnection(path: socketPath) {
                connection.close()
                return
            }
            usleep(20_000)
        }
        throw DaemonFailure("safepostd did not serve within \(timeout) s:\n\(log)")
    }

    /// Sends `signal` to the daemon.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit (at most `timeout` seconds) and returns its exit status.
    func waitForExit(timeout: Double = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else { throw DaemonFailure("safepostd still running after \(timeout) s:\n\(log)") }
            usleep(10_000)
        }
        return process.terminationStatus
    }

    /// One request on a new connection.
    func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> HTTPResponse {
        let connection = try UnixConnection(path: socketPath)
        defer { connection.close() }
        try connection.send(HTTPRequest(method: method, target: target, headers: headers, body: body).bytes)
        return try connection.readResponse()
    }

    /// `POST target` with a JSON (or other) string body.
    func post(_ target: String, _ body: String, contentType: String? = "application/json") throws -> HTTPResponse {
        try request("POST", target, headers: contentType.map { [("Content-Type", $0)] } ?? [], body: Array(body.utf8))
    }
}

struct DaemonFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
