import Foundation
import Testing

/// The filter (`safepost-mail-filter`, as master.cf names it) inside a real Postfix: `tests/postfix/run.sh` starts a private instance (own config
/// directory, queue and ports on 127.0.0.1), the built safepostd, and sends with swaks. It needs
/// root (it installs postfix and swaks when missing, and Postfix runs the pipe as `nobody`); as
/// another user, or where the packages cannot be installed, the test is skipped with the reason.
@Suite("mail-filter in a real Postfix")
struct PostfixTests {
    @Test("clean delivered byte for byte, review held/quarantined/redirected, block bounced with the clause, deferred while safepostd is down",
          .timeLimit(.minutes(5)))
    func realPostfix() throws {
        if getuid() != 0 {
            try Test.cancel("skipped: needs root (installs postfix and swaks, runs the pipe as nobody); run `make test` as root")
        }
        let script = Paths.repo.appendingPathComponent("tests/postfix/run.sh").path
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logPath = directory + "/run.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, Paths.mailFilter, Paths.safepostd, Paths.rules]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: logPath)
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        switch process.terminationStatus {
        case 0:
            break
        case 77:
            let reason = log.split(separator: "\n").last { $0.contains("SKIP:") } ?? "skipped"
            try Test.cancel(Comment(rawValue: String(reason)))
        default:
            Issue.record("tests/postfix/run.sh exited \(process.terminationStatus):\n\(log)")
        }
    }
}
