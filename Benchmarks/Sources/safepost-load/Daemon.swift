import Foundation
import Glibc

/// The daemon under load: started by this tool on a temporary socket, or already running.
final class DaemonUnderTest {
    let socket: String
    /// The daemon's process id (from `SO_PEERCRED`), for its RSS and CPU time.
    private(set) var pid: Int32?
    private var process: Process?
    private var directory: String?

    /// A daemon already serving on `socket`.
    init(socket: String) {
        self.socket = socket
    }

    /// Starts `executable` on a socket in a new temporary directory, serving `rules`, with the
    /// record of concern in the same directory; returns once `/v1/health` says ready.
    init(executable: String, rules: String, arguments: [String]) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("safepost-load-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        socket = directory + "/safepost.sock"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--config", "/dev/null", "--socket", socket, "--rules", rules,
            "--concerns", directory + "/concerns.jsonl", "--log-level", "warning",
        ] + arguments
        FileManager.default.createFile(atPath: directory + "/daemon.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: directory + "/daemon.log")
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning {
                throw Socket.Failure(description: "safepostd exited with status \(process.terminationStatus); see \(directory)/daemon.log")
            }
            if (try? health()) != nil { break }
            usleep(20_000)
        }
        guard (try? health()) != nil else { throw Socket.Failure(description: "safepostd did not become ready within 60 s") }
    }

    /// Reads `/v1/health` (which must say ready) and learns the daemon's pid.
    @discardableResult
    func health() throws -> String {
        let client = try BlockingClient(path: socket)
        if pid == nil { pid = Socket.peerPID(client.fd) }
        let (status, body) = try client.exchange(HTTP.get("/v1/health"))
        let text = String(decoding: body, as: UTF8.self)
        guard status == 200, text.contains(#""status":"ready""#) else {
            throw Socket.Failure(description: "health: status \(status): \(text)")
        }
        return text
    }

    /// Resident memory in KiB (`VmRSS` of `/proc/PID/status`).
    func residentKiB() -> Int? {
        guard let pid, let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// CPU seconds (user + system, all threads) the daemon has used, from `/proc/PID/stat`.
    func cpuSeconds() -> Double? {
        guard let pid, let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Threads of the daemon (`Threads:` of `/proc/PID/status`).
    func threadCount() -> Int? {
        guard let pid, let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Threads:") {
            return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Stops a daemon this tool started (SIGTERM, then waits) and removes its directory.
    /// Returns its exit status, or nil when it was not started here.
    func stop() -> Int32? {
        guard let process else { return nil }
        process.terminate()
        process.waitUntilExit()
        if let directory {
            if process.terminationStatus != 0, let log = try? String(contentsOfFile: directory + "/daemon.log", encoding: .utf8) {
                FileHandle.standardError.write(Data("safepostd log:\n\(log)\n".utf8))
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
        self.process = nil
        return process.terminationStatus
    }
}
