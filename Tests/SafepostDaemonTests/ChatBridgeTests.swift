import Foundation
import SafepostWire
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs examples/chat-bridge/safepost_bridge.py (Python 3, standard library only).
private enum Bridge {
    static let script = ClientFixtures.repo.appendingPathComponent("examples/chat-bridge/safepost_bridge.py").path

    static var python: URL {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return URL(fileURLWithPath: candidate)
        }
        return URL(fileURLWithPath: "/usr/bin/env")
    }

    struct Outcome {
        var status: Int32
        /// Forwarded lines (standard output).
        var forwarded: [String]
        /// Reply lines (from --replies, or the JSON lines of stderr without it).
        var replies: [[String: Any]]
        var stderr: String
    }

    static func run(socket: String, events: [String], arguments: [String] = [], repliesToFile: Bool = true) throws -> Outcome {
        let replies = "/tmp/spc-replies-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        defer { unlink(replies) }
        let prefix = python.path == "/usr/bin/env" ? ["python3"] : []
        var args = prefix + [script, "--socket", socket] + arguments
        if repliesToFile { args += ["--replies", replies] }
        let run = try ClientFixtures.run(python, args, input: Data((events.joined(separator: "\n") + "\n").utf8))
        let replyText = repliesToFile
            ? ((try? String(contentsOfFile: replies, encoding: .utf8)) ?? "")
            : run.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }.joined(separator: "\n")
        let parsed = try replyText.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return Outcome(status: run.status, forwarded: run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init),
                       replies: parsed, stderr: run.stderr)
    }
}

private let childClause = "Staff and students must not mention children by name."
private let hoursClause = "Staff must not use social networking sites during working hours."

/// A stand-in for safepostd whose verdicts are decided by the draft's text: "Olly" blocks (child-name),
/// "lunch break" asks for review, "explode" is a 500, "stall" never answers, anything else is allowed.
private func cannedServer() throws -> ClientFakeServer {
    try ClientFakeServer { request in
        guard request.method == "POST", request.target == "/v1/check",
              let decoded = try? RequestDecoder.decode(request.body) else {
            return .send(ClientFakeServer.response(400, "Bad Request", #"{"error":{"code":"invalid-json","message":"bad"}}"#))
        }
        let id = decoded.id, text = decoded.text
        func json(_ s: String) -> String { String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes]), as: UTF8.self).dropFirst().dropLast().description }
        if text.contains("explode") {
            return .send(ClientFakeServer.response(500, "Internal Server Error", #"{"id":\#(json(id)),"error":{"code":"concern-log-failed","message":"the record of concern could not be written"}}"#))
        }
        if text.contains("stall") { return .silence }
        if let range = text.range(of: "Olly") {
            let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            let redacted = text.replacingOccurrences(of: "Olly", with: "[child]")
            return .send(ClientFakeServer.response(200, #"{"id":\#(json(id)),"verdict":"block","findings":[{"category":"child-mention","rule":"child-name","clause":\#(json(childClause)),"severity":"block","start":\#(start),"end":\#(start + 4),"match":"Olly"},{"category":"child-mention","rule":"child-name","clause":\#(json(childClause)),"severity":"block","start":0,"end":0,"match":"Olly"}],"redacted":\#(json(redacted))}"#))
        }
        if text.contains("lunch break") {
            return .send(ClientFakeServer.response(200, #"{"id":\#(json(id)),"verdict":"review","findings":[{"category":"working-hours","rule":"working-hours","clause":\#(json(hoursClause)),"severity":"review","field":"sent_at","start":0,"end":0,"match":""}],"redacted":\#(json(text))}"#))
        }
        return .send(ClientFakeServer.response(200, #"{"id":\#(json(id)),"verdict":"allow","findings":[],"redacted":\#(json(text))}"#))
    }
}

@Suite("Chat bridge (examples/chat-bridge)", .serialized)
struct ChatBridgeTests {
    private let events = [
        #"{"id": "m1", "text": "Sunny morning in the garden 🌞", "username": "helen", "channel": "staff-room"}"#,
        #"{"id": "m2", "text": "Olly was so funny at snack time", "username": "helen", "channel": "staff-room"}"#,
        #"{"id":"m3","text":"Quick scroll on my lunch break","username":"tom","channel":"staff-room","attachments":[{"filename":"IMG_1.jpg","content_type":"image/jpeg","size":1234}]}"#,
        #"{"id": 4, "text": "Tea at four?\nBring cake", "username": "imogen", "extra": {"kept": true}}"#,
    ]

    @Test func allowedMessagesAreForwardedUnchangedAndHeldOnesAnswered() throws {
        let server = try cannedServer()
        defer { server.stop() }
        let roles = "/tmp/spc-roles-\(getpid()).json"
        try Data(#"{"helen": {"name": "Helen Cartwright", "role": "staff"}, "tom": "staff", "*": "parent"}"#.utf8).write(to: URL(fileURLWithPath: roles))
        defer { unlink(roles) }
        let outcome = try Bridge.run(socket: server.path, events: events, arguments: ["--roles", roles])

        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.forwarded == [events[0], events[3]], "allowed events pass byte for byte, in order")

        try #require(outcome.replies.count == 2, "\(outcome.stderr)")
        let blocked = outcome.replies[0]
        #expect(blocked["type"] as? String == "held")
        #expect(blocked["reason"] as? String == "policy")
        #expect(blocked["to"] as? String == "helen")
        #expect(blocked["channel"] as? String == "staff-room")
        #expect(blocked["id"] as? String == "m2")
        #expect(blocked["verdict"] as? String == "block")
        #expect(blocked["clauses"] as? [String] == [childClause], "each clause once")
        #expect(blocked["redacted"] as? String == "[child] was so funny at snack time")
        let message = try #require(blocked["message"] as? String)
        #expect(message.contains("\"\(childClause)\""))
        #expect(message.contains("[child] was so funny at snack time"))
        let blockedLine = String(decoding: try JSONSerialization.data(withJSONObject: blocked), as: UTF8.self)
        #expect(!blockedLine.contains("Olly"), "a reply never repeats what was found")

        let review = outcome.replies[1]
        #expect(review["to"] as? String == "tom")
        #expect(review["verdict"] as? String == "review")
        #expect(review["clauses"] as? [String] == [hoursClause])
        #expect((review["message"] as? String)?.contains("held") == true)

        // What the daemon was asked: username as author name (or the role map's name), roles, channel, attachments.
        let asked = try server.requests.map { try RequestDecoder.decode($0.body) }
        try #require(asked.count == 4)
        #expect(asked[0].author?.name == "Helen Cartwright" && asked[0].author?.role == .staff)
        #expect(asked[0].channel == "staff-room")
        #expect(asked[2].author?.name == "tom" && asked[2].author?.role == .staff)
        #expect(asked[2].attachments.count == 1 && asked[2].attachments.first?.filename == "IMG_1.jpg" && asked[2].attachments.first?.contentType == "image/jpeg")
        #expect(asked[3].id == "4" && asked[3].author?.name == "imogen" && asked[3].author?.role == .parent, "unlisted users get the \"*\" role")
        #expect(asked[3].text == "Tea at four?\nBring cake")
    }

    @Test func repliesGoToStandardErrorWithoutAFile() throws {
        let server = try cannedServer()
        defer { server.stop() }
        let outcome = try Bridge.run(socket: server.path, events: Array(events.prefix(2)), repliesToFile: false)
        #expect(outcome.forwarded == [events[0]])
        #expect(outcome.replies.count == 1)
        #expect(outcome.replies.first?["id"] as? String == "m2")
        #expect(outcome.stderr.contains("safepost-bridge: held message m2: block (child-mention)"))
    }

    @Test func anUnreachableDaemonHoldsEverything() throws {
        let missing = ClientFakeServer.temporaryPath("nobridge")
        let outcome = try Bridge.run(socket: missing, events: events)
        #expect(outcome.status == 75, "EX_TEMPFAIL when a message could not be checked")
        #expect(outcome.forwarded.isEmpty, "nothing is forwarded unchecked")
        #expect(outcome.replies.count == events.count)
        #expect(outcome.replies.allSatisfy { $0["reason"] as? String == "unchecked" && ($0["message"] as? String)?.contains("not sent") == true })
        #expect(outcome.stderr.contains("cannot reach safepostd at \(missing)"))
    }

    @Test func errorsTimeoutsAndBadEventsAreHeld() throws {
        let server = try cannedServer()
        defer { server.stop() }
        let input = [
            #"{"id": "e1", "text": "this will explode", "username": "helen"}"#,
            #"{"id": "e2", "text": "this will stall", "username": "helen"}"#,
            "not json at all",
            #"{"id": "e4", "username": "helen"}"#,
            #"{"id": "e5", "text": "Fine day", "username": "helen"}"#,
        ]
        let outcome = try Bridge.run(socket: server.path, events: input, arguments: ["--timeout", "0.5"])
        #expect(outcome.status == 75)
        #expect(outcome.forwarded == [input[4]], "only the checked, allowed message goes through")
        #expect(outcome.replies.map { $0["id"] as? String } == ["e1", "e2", "e4"], "a line without a sender gets no reply")
        #expect(outcome.stderr.contains("held message e1 unchecked: safepostd refused the message (HTTP 500, concern-log-failed)"))
        #expect(outcome.stderr.contains("held message e2 unchecked: safepostd did not answer within 0.5 s"))
        #expect(outcome.stderr.contains("held message line-3 unchecked: line 3: not JSON"))
        #expect(outcome.stderr.contains("held message e4 unchecked: line 4: the event has no \"text\" string"))
    }

    @Test func aBadRoleMapStopsTheBridgeAtOnce() throws {
        let roles = "/tmp/spc-badroles-\(getpid()).json"
        try Data(#"{"helen": "headteacher"}"#.utf8).write(to: URL(fileURLWithPath: roles))
        defer { unlink(roles) }
        let outcome = try Bridge.run(socket: "/nonexistent.sock", events: events, arguments: ["--roles", roles])
        #expect(outcome.status == 2)
        #expect(outcome.forwarded.isEmpty)
        #expect(outcome.stderr.contains("cannot use the role map"))
    }

    @Test func theCanaryProvesThePathThroughTheRealDaemon() throws {
        guard let daemon = ClientRealDaemon.start() else { return }
        let input = [
            #"{"id": "c1", "text": "bridge test SAFEPOST-CANARY-7c1f-BLOCK-TEST please ignore", "username": "helen", "channel": "staff-room"}"#,
            #"{"id": "c2", "text": "Sunny morning in the garden", "username": "helen", "channel": "staff-room"}"#,
            #"{"id": "c3", "text": "Olly was so funny at snack time", "username": "Helen Cartwright", "channel": "staff-room"}"#,
        ]
        let outcome = try Bridge.run(socket: daemon.socket, events: input)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.forwarded == [input[1]])
        try #require(outcome.replies.count == 2)
        let canary = outcome.replies[0]
        #expect(canary["id"] as? String == "c1" && canary["verdict"] as? String == "block")
        #expect(canary["clauses"] as? [String] == ["SAFEPOST CANARY: a test message that safepost always blocks."])
        #expect((canary["redacted"] as? String)?.contains("SAFEPOST-CANARY") == false)
        let olly = outcome.replies[1]
        #expect(olly["id"] as? String == "c3")
        #expect((olly["redacted"] as? String)?.hasPrefix("[child] was so funny") == true)
        #expect((olly["clauses"] as? [String])?.isEmpty == false)
        let line = String(decoding: try JSONSerialization.data(withJSONObject: olly), as: UTF8.self)
        #expect(!line.contains("Olly"))
    }
}
