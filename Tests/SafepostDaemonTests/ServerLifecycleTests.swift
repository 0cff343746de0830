import Foundation
import Testing

/// Reload, the record of concern, the socket file and shutdown, against the real process.
@Suite("safepostd lifecycle")
struct ServerLifecycleTests {
    /// A temporary copy of the shipped Rules.
    static func rulesCopy() throws -> String {
        let path = try DaemonProcess.makeDirectory() + "/Rules"
        try FileManager.default.copyItem(atPath: DaemonProcess.shippedRules, toPath: path)
        return path
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    @Test func reloadAsRootSwapsAndABrokenFolderIsRefusedWithFileAndLine() throws {
        let rules = try Self.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let daemon = try DaemonProcess(rules: rules)
        let before = try daemon.request("GET", "/v1/health").json["version"] as? String

        try Self.append("\n# a comment changes the version\n", to: rules + "/rules/canary.rules")
        let reloaded = try daemon.request("POST", "/v1/reload")
        #expect(reloaded.status == 200, "\(reloaded.text)")
        #expect(reloaded.json["status"] as? String == "reloaded")
        let version = reloaded.json["version"] as? String
        #expect(version != nil && version != before)
        #expect((reloaded.json["rules"] as? Int ?? 0) > 0)

        let canaryFile = rules + "/rules/canary.rules"
        let lineCount = try String(contentsOfFile: canaryFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        try Self.append("rule broken\n  category  no-such-category\n", to: canaryFile)
        let refused = try daemon.request("POST", "/v1/reload")
        #expect(refused.status == 422 && refused.errorCode == "rules-invalid", "\(refused.text)")
        let diagnostics = refused.json["diagnostics"] as? [String] ?? []
        #expect(diagnostics.contains { $0.hasPrefix("rules/canary.rules:") && $0.contains(": error: ") }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.hasPrefix("rules/canary.rules:\(lineCount)") || $0.hasPrefix("rules/canary.rules:\(lineCount + 1)") }, "\(diagnostics)")
        #expect(daemon.log.contains("rules/canary.rules:"))

        // The previous rules keep answering.
        #expect(try daemon.request("GET", "/v1/health").json["version"] as? String == version)
        let canary = try daemon.post("/v1/check", #"{"id":"k","text":"SAFEPOST-CANARY-7c1f-BLOCK-TEST"}"#)
        #expect(canary.json["verdict"] as? String == "block")
    }

    @Test func aRefusedReloadLogsPlacesNotNames() throws {
        let rules = try Self.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let daemon = try DaemonProcess(rules: rules)
        // A carer linked to a child who is not on the roster …
        let carers = rules + "/carers.csv"
        let roster = try String(contentsOfFile: carers, encoding: .utf8)
        try Self.append("Dana Fictitious,,Zebedee Unlisted\n", to: carers)
        let refused = try daemon.request("POST", "/v1/reload")
        #expect(refused.status == 422, "\(refused.text)")
        // The admin who asked gets everything; the log, the places and kinds only.
        #expect(refused.text.contains("Zebedee Unlisted"))
        // … then a rule example filled in with a child's name that does not match.
        try roster.write(toFile: carers, atomically: true, encoding: .utf8)
        try Self.append("\nrule qa-example\n  category  personal-info\n  clause    staff-personal\n  pattern   \\bfoobaz\\b\n  match     {child} went foobar\n", to: rules + "/rules/canary.rules")
        let example = try daemon.request("POST", "/v1/reload")
        #expect(example.status == 422 && example.text.contains("went foobar"), "\(example.text)")
        let log = daemon.log
        #expect(log.contains("carers.csv:"), "\(log)")
        #expect(log.contains("rules/canary.rules:"), "\(log)")
        #expect(!log.contains("Zebedee"), "\(log)")
        #expect(!log.contains("went foobar"), "\(log)")
        // Warnings stay warnings.
        #expect(!log.contains("error safepostd: rules/remarks.rules:210: warning"), "\(log)")
    }

    @Test func sighupReloadsToo() throws {
        let rules = try Self.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let daemon = try DaemonProcess(rules: rules)
        let before = try daemon.request("GET", "/v1/health").json["version"] as? String
        try Self.append("\n# changed\n", to: rules + "/rules/canary.rules")
        daemon.send(SIGHUP)
        var after = before
        for _ in 0..<200 where after == before {
            usleep(25_000)
            after = try daemon.request("GET", "/v1/health").json["version"] as? String
        }
        #expect(after != before)
        #expect(daemon.process.isRunning)
        #expect(daemon.log.contains("rules reloaded"))
    }

    @Test func sigtermDrainsExitsZeroAndRemovesTheSocket() throws {
        let daemon = try DaemonProcess()
        // A connection with a request in flight (body not yet complete) is answered before exit.
        let busy = try UnixConnection(path: daemon.socketPath)
        let body = #"{"id":"late","text":"hello"}"#
        try busy.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n{\"id\"")
        usleep(100_000)
        daemon.send(SIGTERM)
        usleep(100_000)
        try busy.send(String(body.dropFirst(5)))
        let answer = try busy.readResponse()
        #expect(answer.json["id"] as? String == "late")
        #expect(try daemon.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        #expect(daemon.log.contains("stopped"))
    }

    @Test func aSafeguardingDraftIsRecordedOnceWithMode0600AndOnlyRedacted() throws {
        let daemon = try DaemonProcess(arguments: ["--log-level", "trace"])
        let draft = "Olly has had three unexplained bruises this month"
        let request = #"{"id":"c1","text":"\#(draft)","channel":"facebook","author":{"name":"Helen Cartwright","role":"staff"}}"#
        let response = try daemon.post("/v1/check", request)
        #expect(response.status == 200)
        let categories = (response.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["category"] as? String }
        try #require(categories.contains("safeguarding"), "\(response.text)")
        _ = try daemon.post("/v1/check", #"{"id":"c2","text":"The roses are out"}"#)

        var info = stat()
        #expect(stat(daemon.concernsPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let lines = try String(contentsOfFile: daemon.concernsPath, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 1)
        var record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(record["id"] as? String == "c1")
        #expect(record["channel"] as? String == "facebook")
        #expect((record["author"] as? [String: Any])?["role"] as? String == "staff")
        #expect((record["categories"] as? [String])?.contains("safeguarding") == true)
        #expect((record["rules"] as? [String])?.contains("concern-injury-neglect") == true)
        #expect((record["time"] as? String)?.hasSuffix("Z") == true)
        let redacted = try #require(record["redacted"] as? String)
        #expect(!redacted.contains("Olly") && !redacted.contains("bruises"))
        record["redacted"] = nil
        let rest = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        for word in ["Olly", "bruises", "unexplained", "three", "month"] {
            #expect(!rest.contains(word), "raw draft text outside redacted: \(word)")
        }
        // Logs never carry draft text or matched names, even at trace level.
        let log = daemon.log
        #expect(log.contains("/v1/check"))
        for word in ["Olly", "bruises", "roses"] { #expect(!log.contains(word), "log leaks \(word)") }
    }

    @Test func theSocketIsBornWithItsModeAndAStaleFileIsReplaced() throws {
        let directory = try DaemonProcess.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/run/s.sock"  // the parent is created
        // A stale socket file: bound, then its process (here: this socket) went away.
        try FileManager.default.createDirectory(atPath: directory + "/run", withIntermediateDirectories: true)
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        close(stale)

        let daemon = try DaemonProcess(arguments: ["--socket-mode", "0600"], socketPath: path)
        var info = stat()
        #expect(lstat(path, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try daemon.request("GET", "/v1/health").status == 200)

        // A second daemon on the same path refuses to start while the first answers.
        let second = try DaemonProcess(socketPath: path, wait: false)
        #expect(try second.waitForExit() == 1)
        #expect(second.log.contains("already serving"))
        #expect(try daemon.request("GET", "/v1/health").status == 200)
    }

    /// Runs `safepostd` with `arguments` to completion: (status, stdout, stderr).
    static func runDaemonCommand(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = DaemonProcess.binary
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func checkConfigValidatesTheFileFlagsAndRules() throws {
        let directory = try DaemonProcess.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/safepostd.conf"
        try "# comment\nsocket = /tmp/x.sock\nconcerns = \(directory)/concerns.jsonl\nmax-body = 2048   # bytes\nidle-timeout = \"0.5\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let (status, out, _) = try Self.runDaemonCommand(
            ["--check-config", "--config", config, "--rules", DaemonProcess.shippedRules, "--max-body", "4096"])
        #expect(status == 0)
        #expect(out.contains("max-body 4096 bytes"), "the flag wins: \(out)")
        #expect(out.contains("idle-timeout 0.5 s"))
        #expect(out.contains("socket: /tmp/x.sock"))
        #expect(out.contains("rules: \(DaemonProcess.shippedRules): ok"))

        try "socket = /tmp/x.sock\n\nmax-bodies = 5\n".write(toFile: config, atomically: true, encoding: .utf8)
        let (badKey, _, keyError) = try Self.runDaemonCommand(["--check-config", "--config", config])
        #expect(badKey == 1)
        #expect(keyError.contains("\(config):3: error: unknown setting \"max-bodies\""), "\(keyError)")
        let (missing, _, missingError) = try Self.runDaemonCommand(["--check-config", "--config", directory + "/none.conf"])
        #expect(missing == 1 && missingError.contains("none.conf"))
    }

    @Test func brokenRulesOrConfigurationAtStartExitOne() throws {
        let rules = try Self.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        try Self.append("rule broken\n  category  nope\n", to: rules + "/rules/canary.rules")
        let broken = try DaemonProcess(rules: rules, wait: false)
        #expect(try broken.waitForExit() == 1)
        #expect(broken.log.contains("rules/canary.rules:"))
        #expect(!FileManager.default.fileExists(atPath: broken.socketPath))

        let badFlag = try DaemonProcess(arguments: ["--max-body", "lots"], wait: false)
        #expect(try badFlag.waitForExit() == 1)
        #expect(badFlag.log.contains("--max-body"))
    }
}
