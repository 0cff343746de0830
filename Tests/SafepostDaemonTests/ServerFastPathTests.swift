import Foundation
import Testing

/// Plain `POST /v1/check` JSON requests are answered by the daemon's fast path; anything else
/// (another header, another endpoint, a bad body) goes through NIOHTTP1. Both must answer alike,
/// in order, and a connection handed over keeps working.
@Suite("safepostd fast path")
struct ServerFastPathTests {
    static let drafts = [
        #"{"id":"f1","text":"Lovely sunny walk along the river this afternoon"}"#,
        #"{"id":"f2","text":"Olly was so funny at snack time today"}"#,
        #"{"id":"f3","text":"Ring me on 07700 900123 about the quiz night","author":{"role":"parent"}}"#,
        #"{"id":"f4","text":"Testing the relay: SAFEPOST-CANARY-7c1f-BLOCK-TEST"}"#,
    ]

    @Test func theFastPathAndNIOHTTP1AnswerTheSameHeadersAndBody() throws {
        let daemon = try DaemonProcess()
        for draft in Self.drafts {
            // A fresh connection each: the first request decides which path the connection takes.
            let fast = try UnixConnection(path: daemon.socketPath)
            try fast.send(HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "application/json")], body: Array(draft.utf8)).bytes)
            let a = try fast.readResponse()
            // An extra header the fast path does not take sends the request through NIOHTTP1.
            let slow = try UnixConnection(path: daemon.socketPath)
            try slow.send(HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "application/json"), ("X-Trace", "1")], body: Array(draft.utf8)).bytes)
            let b = try slow.readResponse()
            #expect(a.status == 200 && b.status == 200)
            #expect(a.headers.map { "\($0.0): \($0.1)" } == b.headers.map { "\($0.0): \($0.1)" })
            #expect(a.body == b.body, "\(a.text) vs \(b.text)")
        }
        // Error answers come from NIOHTTP1's path in both cases: a bad body on a fresh connection.
        let bad = try UnixConnection(path: daemon.socketPath)
        try bad.send(HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "application/json")], body: Array(#"{"id":"x"}"#.utf8)).bytes)
        let error = try bad.readResponse()
        #expect(error.status == 400 && error.errorCode == "missing-field")
        // The connection goes on after the hand-over.
        try bad.send(HTTPRequest(method: "POST", target: "/v1/check", body: Array(Self.drafts[0].utf8)).bytes)
        #expect(try bad.readResponse().json["id"] as? String == "f1")
    }

    @Test func aPipelinedMixOfPathsIsAnsweredInOrder() throws {
        let daemon = try DaemonProcess()
        let connection = try UnixConnection(path: daemon.socketPath)
        var burst: [UInt8] = []
        burst += HTTPRequest(method: "POST", target: "/v1/check", body: Array(Self.drafts[0].utf8)).bytes
        burst += HTTPRequest(method: "POST", target: "/v1/check", body: Array(Self.drafts[1].utf8)).bytes
        burst += HTTPRequest(method: "GET", target: "/v1/health").bytes
        burst += HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "text/plain")], body: Array("plain draft".utf8)).bytes
        burst += HTTPRequest(method: "POST", target: "/v1/check", body: Array(Self.drafts[3].utf8)).bytes
        // Sent in small pieces, so requests arrive split at every kind of boundary.
        var offset = 0
        while offset < burst.count {
            let end = min(burst.count, offset + 7)
            try connection.send(Array(burst[offset..<end]))
            offset = end
        }
        #expect(try connection.readResponse().json["id"] as? String == "f1")
        #expect(try connection.readResponse().json["id"] as? String == "f2")
        #expect(try connection.readResponse().json["status"] as? String == "ready")
        #expect(try connection.readResponse().json["id"] as? String == "draft")
        let last = try connection.readResponse()
        #expect(last.json["id"] as? String == "f4" && last.json["verdict"] as? String == "block")
    }

    @Test func aSplitRequestWithAConcernIsRecordedBeforeItsAnswerAndTheNextWaits() throws {
        let daemon = try DaemonProcess()
        let connection = try UnixConnection(path: daemon.socketPath)
        let concern = #"{"id":"c9","text":"Olly has had three unexplained bruises this month"}"#
        var burst = HTTPRequest(method: "POST", target: "/v1/check", body: Array(concern.utf8)).bytes
        burst += HTTPRequest(method: "POST", target: "/v1/check", body: Array(Self.drafts[0].utf8)).bytes
        let cut = burst.count / 3
        try connection.send(Array(burst[..<cut]))
        usleep(50_000)
        try connection.send(Array(burst[cut...]))
        let first = try connection.readResponse()
        #expect(first.json["id"] as? String == "c9")
        let lines = try String(contentsOfFile: daemon.concernsPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(#""id":"c9""#))
        #expect(try connection.readResponse().json["id"] as? String == "f1")
    }
}
