import Foundation
import SafepostTestSupport
import Testing

/// The heavy end-to-end tests (stress, socket activation, admin from another uid) run one at a
/// time, so that each has the 2-core machine to itself and its timings mean something. Each test
/// is bounded in requests and in time; the whole set is meant to finish well within two minutes.
@Suite("safepostd heavy end-to-end", .serialized, .timeLimit(.minutes(2)))
enum SafepostdHeavyTests {}

extension SafepostdHeavyTests {
    /// Pipelining, many concurrent clients, a 100,000-line batch, reload under load and random
    /// bytes, against the real process over its Unix socket.
    @Suite("safepostd under load")
    struct ServerStressTests {
        @Test func fiftyPipelinedRequestsAnswerInOrderEvenWhenTheBytesArriveInFragments() throws {
            let daemon = try DaemonProcess()
            let drafts = try Drafts(daemon)
            let connection = try UnixConnection(path: daemon.socketPath)
            for round in 0..<2 {
                var burst: [UInt8] = []
                for index in 0..<50 { burst += drafts.request(id: "p\(round)-\(index)", kind: index).bytes }
                if round == 0 {
                    try connection.send(burst)  // all 50 in one write, before reading anything
                } else {
                    // The same 50 in seeded random fragments of 1 to 97 bytes, written while the
                    // answers are read: heads and bodies split anywhere.
                    let writer = Thread { [burst] in
                        var random = SplitMix64(seed: 50)
                        var offset = 0
                        while offset < burst.count {
                            let end = min(burst.count, offset + Int.random(in: 1...97, using: &random))
                            guard (try? connection.send(Array(burst[offset..<end]))) != nil else { return }
                            offset = end
                        }
                    }
                    writer.start()
                }
                for index in 0..<50 {
                    let response = try connection.readResponse()
                    #expect(response.status == 200)
                    #expect(response.text == drafts.expected(id: "p\(round)-\(index)", kind: index), "round \(round), answer \(index)")
                }
            }
            // The connection is still open and in step.
            try connection.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)
            #expect(try connection.readResponse().json["status"] as? String == "ready")
        }

        @Test func sixtyFourConcurrentKeepAliveClientsOfFiftyRequestsAllGetTheirOwnAnswers() throws {
            let daemon = try DaemonProcess(arguments: ["--threads", "2"])
            let drafts = try Drafts(daemon)
            let socketPath = daemon.socketPath
            let clients = 64, perClient = 50
            let tally = Tally()
            let connected = DispatchGroup(), finished = DispatchGroup()
            let go = DispatchSemaphore(value: 0)
            let started = Date()
            for client in 0..<clients {
                connected.enter()
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    let connection: UnixConnection
                    do {
                        connection = try UnixConnection(path: socketPath)
                    } catch {
                        tally.fail("client \(client): \(error)")
                        connected.leave()
                        return
                    }
                    connected.leave()
                    go.wait()  // every client holds its connection open before the first request
                    for index in 0..<perClient {
                        let id = "c\(client)-\(index)", kind = client + index
                        do {
                            try connection.send(drafts.request(id: id, kind: kind).bytes)
                            let response = try connection.readResponse()
                            if response.status == 200 && response.text == drafts.expected(id: id, kind: kind) {
                                tally.succeed()
                            } else {
                                tally.fail("\(id): \(response.status) \(response.text)")
                            }
                        } catch {
                            tally.fail("\(id): \(error)")
                            return
                        }
                    }
                }.start()
            }
            #expect(connected.wait(timeout: .now() + 30) == .success)
            // All 64 connections are open at once before any request is sent (and the one asking;
            // the start-up probe's may take a moment to be counted out).
            var open = try metric("safepost_connections_open", of: daemon)
            for _ in 0..<100 where open != Double(clients + 1) {
                usleep(20_000)
                open = try metric("safepost_connections_open", of: daemon)
            }
            #expect(open == Double(clients + 1), "connections open: \(open.map { "\($0)" } ?? "none")")
            for _ in 0..<clients { go.signal() }
            try #require(finished.wait(timeout: .now() + 60) == .success, "clients still running after 60 s")
            let elapsed = Date().timeIntervalSince(started)
            #expect(tally.failures.isEmpty, "\(tally.failures.count) failed, first: \(tally.failures.prefix(3))")
            #expect(tally.successes == clients * perClient)
            // The daemon counted exactly these requests (and the three reference ones).
            let counted = try metric(#"safepost_requests_total{endpoint="/v1/check",status="200"}"#, of: daemon)
            #expect(counted == Double(clients * perClient + Drafts.kinds.count))
            print("64 clients x 50 requests: \(String(format: "%.2f", elapsed)) s")
        }

        @Test func aBatchOfAHundredThousandLinesStreamsInOrderInBoundedMemory() throws {
            let daemon = try DaemonProcess()
            let pid = daemon.process.processIdentifier
            let lineCount = 100_000
            let baseline = try #require(residentMegabytes(of: pid))
            let sampler = MemorySampler(pid: pid)
            sampler.start()

            let connection = try UnixConnection(path: daemon.socketPath, receiveTimeout: 30)
            let head = HTTPRequest(method: "POST", target: "/v1/check/batch", headers: [
                ("Content-Type", "application/x-ndjson"), ("Transfer-Encoding", "chunked"),
            ]).bytes
            let progress = Tally()  // successes: answer lines read so far
            let writerDone = DispatchSemaphore(value: 0)
            let answersWhenWritten = Box(-1)
            // The writer makes the body as it goes (it never exists whole) and cuts it into
            // chunks of seeded random sizes, so lines straddle chunk boundaries.
            Thread {
                defer { writerDone.signal() }
                var random = SplitMix64(seed: 100_000)
                var pending: [UInt8] = []
                pending.reserveCapacity(80_000)
                func sendChunk(_ count: Int) throws {
                    try connection.send(Array(String(count, radix: 16).utf8) + [13, 10] + pending[..<count] + [13, 10])
                    pending.removeFirst(count)
                }
                do {
                    try connection.send(head)
                    for index in 1...lineCount {
                        pending += Array(BatchLines.line(index).utf8)
                        if pending.count >= 64_000 { try sendChunk(Int.random(in: 1...pending.count, using: &random)) }
                    }
                    while !pending.isEmpty { try sendChunk(min(pending.count, 40_000)) }
                    try connection.send("0\r\n\r\n")
                    answersWhenWritten.value = progress.successes
                } catch {
                    progress.fail("writer: \(error)")
                }
            }.start()

            var partial: [UInt8] = []
            var next = 1
            var wrong: [String] = []
            let started = Date()
            let response = try connection.readResponse { chunk in
                partial += chunk
                var start = 0
                while let newline = partial[start...].firstIndex(of: 0x0A) {
                    let line = partial[start..<newline]
                    if wrong.count < 5, !BatchLines.answerMatches(line, index: next) {
                        wrong.append("line \(next): \(String(decoding: line, as: UTF8.self))")
                    }
                    next += 1
                    progress.succeed()
                    start = newline + 1
                }
                partial.removeFirst(start)
            }
            let elapsed = Date().timeIntervalSince(started)
            sampler.stop()
            #expect(writerDone.wait(timeout: .now() + 10) == .success)
            #expect(progress.failures.isEmpty, "\(progress.failures)")
            #expect(response.status == 200)
            #expect(partial.isEmpty, "a trailing partial line")
            #expect(next - 1 == lineCount, "answer lines")
            #expect(wrong.isEmpty, "\(wrong)")
            // Streamed both ways: most answers were already read when the last line was written,
            // so the daemon neither waited for the whole body nor let its answers pile up.
            #expect(answersWhenWritten.value >= lineCount / 2, "answers read when the body was written: \(answersWhenWritten.value)")
            #expect(sampler.peak < 300, "peak VmRSS \(sampler.peak) MB (baseline \(baseline) MB)")
            // The connection serves on.
            try connection.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)
            #expect(try connection.readResponse().status == 200)
            print("batch of \(lineCount) lines: \(String(format: "%.2f", elapsed)) s, VmRSS \(baseline) MB -> peak \(sampler.peak) MB, \(answersWhenWritten.value) answers read when the body was written")
        }

        @Test func reloadsUnderLoadFailNoRequestAndABrokenFolderKeepsTheOldRules() throws {
            let rules = try ServerLifecycleTests.rulesCopy()
            defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
            let daemon = try DaemonProcess(rules: rules, arguments: ["--threads", "2"])
            let drafts = try Drafts(daemon)
            var version = try #require(daemon.request("GET", "/v1/health").json["version"] as? String)
            let ruleCount = try daemon.request("GET", "/v1/health").json["rules"] as? Int

            let tally = Tally(), stop = Box(false), finished = DispatchGroup()
            let socketPath = daemon.socketPath
            for client in 0..<8 {
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    var index = 0
                    while !stop.value {
                        do {
                            let connection = try UnixConnection(path: socketPath)
                            while !stop.value {
                                let id = "r\(client)-\(index)", kind = client + index
                                index += 1
                                try connection.send(drafts.request(id: id, kind: kind).bytes)
                                let response = try connection.readResponse()
                                if response.status == 200 && response.text == drafts.expected(id: id, kind: kind) {
                                    tally.succeed()
                                } else {
                                    tally.fail("\(id): \(response.status) \(response.text)")
                                }
                            }
                        } catch {
                            tally.fail("client \(client): \(error)")
                        }
                    }
                }.start()
            }
            defer {
                stop.value = true
                _ = finished.wait(timeout: .now() + 20)
            }
            try #require(waitUntil { tally.successes >= 50 || !tally.failures.isEmpty }, "the load did not start")

            // Ten reloads, alternating POST /v1/reload (as root) and SIGHUP; each one changes the
            // folder so that its new version shows it took effect.
            let canaryFile = rules + "/rules/canary.rules"
            for reload in 0..<10 {
                let before = tally.successes
                try ServerLifecycleTests.append("\n# reload \(reload)\n", to: canaryFile)
                if reload % 2 == 0 {
                    let response = try daemon.request("POST", "/v1/reload")
                    #expect(response.status == 200, "reload \(reload): \(response.text)")
                    let reloaded = try #require(response.json["version"] as? String)
                    #expect(reloaded != version)
                    version = reloaded
                } else {
                    daemon.send(SIGHUP)
                    let previous = version
                    let deadline = Date().addingTimeInterval(20)
                    while version == previous && Date() < deadline {
                        usleep(20_000)
                        version = try daemon.request("GET", "/v1/health").json["version"] as? String ?? previous
                    }
                    #expect(version != previous, "SIGHUP reload \(reload) did not take effect")
                }
                // Requests went on being answered around this reload.
                #expect(waitUntil { tally.successes >= before + 20 || !tally.failures.isEmpty }, "no answers after reload \(reload)")
            }

            // A broken copy is refused, with file:line, by POST and by SIGHUP alike.
            let broken = rules + "/rules/zz-broken.rules"
            try """
                # a rule whose pattern does not compile
                rule stress-broken
                  category  personal-info
                  clause    "A broken rule."
                  severity  block
                  roles     any
                  pattern   (unclosed[group

                """.write(toFile: broken, atomically: true, encoding: .utf8)
            let refused = try daemon.request("POST", "/v1/reload")
            #expect(refused.status == 422 && refused.errorCode == "rules-invalid", "\(refused.text)")
            let diagnostics = refused.json["diagnostics"] as? [String] ?? []
            #expect(diagnostics.contains { $0.hasPrefix("rules/zz-broken.rules:7: error: ") && $0.contains("bad pattern") }, "\(diagnostics)")
            let failuresBefore = try metric(#"safepost_reloads_total{outcome="failure"}"#, of: daemon) ?? 0
            daemon.send(SIGHUP)
            var failures = failuresBefore
            for _ in 0..<400 where failures == failuresBefore {
                usleep(25_000)
                failures = try metric(#"safepost_reloads_total{outcome="failure"}"#, of: daemon) ?? 0
            }
            #expect(failures == failuresBefore + 1, "the SIGHUP reload of the broken folder was not refused")
            #expect(daemon.log.contains("rules/zz-broken.rules:7: error: "), "file:line in the log")
            let afterBroken = tally.successes
            #expect(waitUntil { tally.successes >= afterBroken + 100 || !tally.failures.isEmpty }, "no answers after the refused reloads")

            stop.value = true
            #expect(finished.wait(timeout: .now() + 20) == .success)
            #expect(tally.failures.isEmpty, "\(tally.failures.count) failed, first: \(tally.failures.prefix(3))")
            #expect(tally.successes > 300)

            // The last good rules still serve.
            let health = try daemon.request("GET", "/v1/health").json
            #expect(health["version"] as? String == version)
            #expect(health["rules"] as? Int == ruleCount)
            let canary = try daemon.post("/v1/check", Drafts.body(id: "after", kind: 2))
            #expect(canary.text == drafts.expected(id: "after", kind: 2))

            // Mended, it reloads again; the metrics counted every outcome.
            try FileManager.default.removeItem(atPath: broken)
            let mended = try daemon.request("POST", "/v1/reload")
            #expect(mended.status == 200, "\(mended.text)")
            #expect(mended.json["rules"] as? Int == ruleCount)
            #expect(try metric(#"safepost_reloads_total{outcome="success"}"#, of: daemon) == 11)
            #expect(try metric(#"safepost_reloads_total{outcome="failure"}"#, of: daemon) == 2)
            print("reload under load: \(tally.successes) requests answered, none failed")
        }

        @Test func twoHundredConnectionsOfRandomBytesLeaveTheDaemonServing() throws {
            let daemon = try DaemonProcess(arguments: ["--header-timeout", "1", "--idle-timeout", "2"])
            let drafts = try Drafts(daemon)
            let statuses = StatusCounts()
            let socketPath = daemon.socketPath
            let finished = DispatchGroup()
            let started = Date()
            for worker in 0..<8 {
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    for round in 0..<25 {
                        let connectionIndex = worker * 25 + round
                        var random = SplitMix64(seed: UInt64(connectionIndex) &+ 7)
                        let junk = (0..<Int.random(in: 1024...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                        // Pure noise; a plausible head then noise; a valid head with a noise body.
                        let bytes: [UInt8]
                        switch connectionIndex % 4 {
                        case 0: bytes = junk
                        case 1: bytes = Array("POST /v1/check HTTP/1.1\r\nHost: x\r\n".utf8) + junk
                        case 2: bytes = HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "text/plain")], body: junk).bytes
                        default: bytes = HTTPRequest(method: "POST", target: "/v1/check/batch", body: junk).bytes
                        }
                        do {
                            let connection = try UnixConnection(path: socketPath, receiveTimeout: 5)
                            _ = try? connection.send(bytes)  // the daemon may close before it all arrives
                            connection.shutdownWrite()
                            while let response = try? connection.readResponse() {
                                statuses.add(response.status, connection: connectionIndex)
                            }
                            connection.close()
                        } catch {
                            statuses.add(0, connection: connectionIndex)  // could not connect
                        }
                    }
                }.start()
            }
            try #require(finished.wait(timeout: .now() + 60) == .success, "random-byte connections still running after 60 s")
            let elapsed = Date().timeIntervalSince(started)
            #expect(daemon.process.isRunning)
            let counts = statuses.counts
            #expect(counts[0] == nil, "connections refused: \(counts[0] ?? 0)")
            #expect(counts.keys.allSatisfy { $0 < 500 }, "\(counts)")
            // A valid head with a noise body is answered (never dropped): 400 for /v1/check,
            // a 200 stream of error lines for a batch.
            #expect(statuses.answered(where: { $0 % 4 == 2 }) == 50, "\(counts)")
            #expect(statuses.answered(where: { $0 % 4 == 3 }) == 50, "\(counts)")

            // A normal request on a fresh connection, and the connections all went away.
            let fresh = try UnixConnection(path: daemon.socketPath)
            try fresh.send(drafts.request(id: "fresh", kind: 1).bytes)
            #expect(try fresh.readResponse().text == drafts.expected(id: "fresh", kind: 1))
            fresh.close()
            var open = try metric("safepost_connections_open", of: daemon)
            for _ in 0..<100 where open != 1 {
                usleep(20_000)
                open = try metric("safepost_connections_open", of: daemon)
            }
            #expect(open == 1, "connections still counted open")
            #expect(!daemon.log.contains("Fatal error"))
            print("200 random-byte connections: \(String(format: "%.2f", elapsed)) s, statuses \(counts.sorted { $0.key < $1.key })")
        }
    }
}

// MARK: - Helpers shared by the heavy tests

extension SafepostdHeavyTests {
    /// The drafts the load tests send, and the answers the daemon gave for each before any load:
    /// under load every answer must be that one, byte for byte, with the request's id.
    struct Drafts: Sendable {
        static let kinds = [
            "Lovely sunny morning in the garden, everyone had fun",  // allow
            "Olly was so funny today",  // a child's name: block
            "testing the relay SAFEPOST-CANARY-7c1f-BLOCK-TEST please ignore",  // the canary: block
        ]
        let references: [String]

        init(_ daemon: DaemonProcess) throws {
            var references: [String] = []
            for (kind, verdict) in zip(Self.kinds.indices, ["allow", "block", "block"]) {
                let response = try daemon.post("/v1/check", Self.body(id: "REF", kind: kind))
                try #require(response.status == 200 && response.json["verdict"] as? String == verdict, "\(response.text)")
                references.append(response.text)
            }
            let canaryRules = (try? JSONSerialization.jsonObject(with: Data(references[2].utf8)) as? [String: Any])?["findings"]
            try #require((canaryRules as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["canary"])
            self.references = references
        }

        static func body(id: String, kind: Int) -> String {
            #"{"id":"\#(id)","text":"\#(kinds[kind % kinds.count])"}"#
        }

        func request(id: String, kind: Int) -> HTTPRequest {
            HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "application/json")],
                        body: Array(Self.body(id: id, kind: kind).utf8))
        }

        func expected(id: String, kind: Int) -> String {
            references[kind % references.count].replacingOccurrences(of: #"{"id":"REF","#, with: #"{"id":"\#(id)","#)
        }
    }

    /// The lines of the big batch and what their answers start with.
    enum BatchLines {
        static func line(_ index: Int) -> String {
            switch index % 1000 {
            case 0: #"{"id":"b\#(index)","text":"relay test SAFEPOST-CANARY-7c1f-BLOCK-TEST"}"# + "\n"
            case 500: #"{"id":"b\#(index)","text":"Olly was so funny"}"# + "\n"
            default: #"{"id":"b\#(index)","text":"Lovely sunny morning number \#(index)"}"# + "\n"
            }
        }

        static func answerMatches(_ line: ArraySlice<UInt8>, index: Int) -> Bool {
            let verdict = index % 500 == 0 ? "block" : "allow"
            return line.starts(with: Array(#"{"id":"b\#(index)","verdict":"\#(verdict)","#.utf8))
        }
    }

    /// Successes and failures counted across client threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var succeeded = 0
        private var failed: [String] = []

        func succeed() { lock.withLock { succeeded += 1 } }
        func fail(_ reason: String) { lock.withLock { failed.append(reason) } }
        var successes: Int { lock.withLock { succeeded } }
        var failures: [String] { lock.withLock { failed } }
    }

    /// A value shared between threads.
    final class Box<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value
        init(_ value: Value) { stored = value }
        var value: Value {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// Response statuses seen, per connection.
    final class StatusCounts: @unchecked Sendable {
        private let lock = NSLock()
        private var byStatus: [Int: Int] = [:]
        private var answeredConnections: Set<Int> = []

        func add(_ status: Int, connection: Int) {
            lock.withLock {
                byStatus[status, default: 0] += 1
                if status != 0 { answeredConnections.insert(connection) }
            }
        }
        var counts: [Int: Int] { lock.withLock { byStatus } }
        func answered(where include: (Int) -> Bool) -> Int { lock.withLock { answeredConnections.filter(include).count } }
    }

    /// `VmRSS` of a process in MB, from `/proc/PID/status`.
    static func residentMegabytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes / 1024
    }

    /// Samples a process's resident memory every 50 ms and keeps the peak.
    final class MemorySampler: @unchecked Sendable {
        let pid: Int32
        private let highest = Box(0), running = Box(true), done = DispatchSemaphore(value: 0)
        init(pid: Int32) { self.pid = pid }

        func start() {
            Thread { [self] in
                while running.value {
                    if let megabytes = residentMegabytes(of: pid), megabytes > highest.value { highest.value = megabytes }
                    usleep(50_000)
                }
                done.signal()
            }.start()
        }

        func stop() {
            running.value = false
            done.wait()
            if let megabytes = residentMegabytes(of: pid), megabytes > highest.value { highest.value = megabytes }
        }

        var peak: Int { highest.value }
    }

    /// The value of one sample in `daemon`'s `GET /metrics` (`name` with its labels exactly as printed).
    static func metric(_ name: String, of daemon: DaemonProcess) throws -> Double? {
        let text = try daemon.request("GET", "/metrics").text
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }

    /// Polls `condition` every 5 ms until it holds or `timeout` seconds pass; returns whether it held.
    @discardableResult
    static func waitUntil(timeout: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { return false }
            usleep(5_000)
        }
        return true
    }
}
