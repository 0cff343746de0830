import Foundation
import SafepostClient
import SafepostWire
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for safepostd that screens each `/v1/check` body by running the in-process
/// `safepost check --json` on the shipped Rules: whatever `check --socket` prints through it must
/// then be exactly what `check` prints in-process.
private func screeningServer() throws -> ClientFakeServer {
    try ClientFakeServer { request in
        guard request.method == "POST", request.target == "/v1/check" else {
            return .send(ClientFakeServer.response(404, "Not Found", #"{"error":{"code":"not-found","message":"no such path"}}"#))
        }
        guard let run = try? ClientFixtures.run(ClientFixtures.binary("safepost"), ["check", "--json", "--rules", ClientFixtures.rules], input: Data(request.body)) else {
            return .send(ClientFakeServer.response(500, "Internal Server Error", #"{"error":{"code":"scan-failed","message":"could not run safepost"}}"#))
        }
        let body = run.stdout.hasSuffix("\n") ? String(run.stdout.dropLast()) : run.stdout
        return .send(run.status == 2
            ? ClientFakeServer.response(400, "Bad Request", body)
            : ClientFakeServer.response(200, body))
    }
}

private let drafts = [
    "Olly was so funny at snack time today 😂",
    "The roses are out in the garden",
    "#StonhamAspal Christmas do booked!! 💃",
    "One of my key children has had three unexplained bruises this month",
    "Testing the bridge SAFEPOST-CANARY-7c1f-BLOCK-TEST please ignore",
    "Line one\nline two with O.l.l.y and a tab\there",
]

@Suite("safepost check --socket and safepost concerns", .serialized)
struct ClientCLITests {
    @Test func plainTextThroughTheSocketPrintsWhatTheInProcessCheckPrints() throws {
        let server = try screeningServer()
        defer { server.stop() }
        for draft in drafts {
            for extra in [[], ["--role", "parent", "--author", "Imogen Quill"]] {
                let local = try ClientFixtures.safepost(["check", "--rules", ClientFixtures.rules] + extra, input: draft)
                let remote = try ClientFixtures.safepost(["check", "--socket", server.path] + extra, input: draft)
                #expect(remote.stdout == local.stdout, "\(draft)")
                #expect(remote.status == local.status, "\(draft): \(remote.stderr)")
                #expect(remote.stderr == local.stderr)
            }
        }
    }

    @Test func jsonThroughTheSocketPrintsTheSameLine() throws {
        let server = try screeningServer()
        defer { server.stop() }
        let requests = [
            #"{"id": "j1", "text": "Olly was funny", "author": {"name": "Sarah Brown", "role": "staff"}, "channel": "facebook"}"#,
            #"{"id": 42, "text": "Lovely walk", "subject": "Olly's day", "sent_at": "2026-11-25T10:15:00+01:00", "unknown": [1]}"#,
            #"{"id": "j3", "text": "Teddy's learning journal came home", "attachments": [{"filename": "IMG_1.jpg", "content_type": "image/jpeg"}], "author": {"role": "parent"}}"#,
        ]
        for request in requests {
            for mode in [["--json"], ["--json", "--report"]] {
                let local = try ClientFixtures.safepost(["check", "--rules", ClientFixtures.rules] + mode, input: request)
                let remote = try ClientFixtures.safepost(["check", "--socket", server.path] + mode, input: request)
                #expect(remote.stdout == local.stdout, "\(request)")
                #expect(remote.status == local.status)
            }
        }
        // Bad input is refused the same way, before the daemon is asked.
        let before = server.requests.count
        for bad in [#"{"id": "b1", "text": 5}"#, #"{"id": "b2""#, #"{"text": "no id"}"#] {
            let local = try ClientFixtures.safepost(["check", "--json", "--rules", ClientFixtures.rules], input: bad)
            let remote = try ClientFixtures.safepost(["check", "--json", "--socket", server.path], input: bad)
            #expect(remote.stdout == local.stdout && remote.stderr == local.stderr && remote.status == 2, "\(bad)")
        }
        #expect(server.requests.count == before)
    }

    @Test func jsonLinesThroughTheSocketKeepOrderErrorsAndExitStatus() throws {
        let server = try screeningServer()
        defer { server.stop() }
        let input = """
            {"id": "a", "text": "Olly was so funny today"}
            {"id": "b", "text": "The roses are out"}
            {"id": "c", "text":

            {"id": "d"}
            {"id": "e", "text": "#StonhamAspal Christmas do", "author": {"role": "staff"}}

            """
        for mode in [["--jsonl"], ["--jsonl", "--report"]] {
            let local = try ClientFixtures.safepost(["check", "--rules", ClientFixtures.rules] + mode, input: input)
            let remote = try ClientFixtures.safepost(["check", "--socket", server.path] + mode, input: input)
            #expect(remote.stdout == local.stdout)
            #expect(remote.stderr == local.stderr)
            #expect(remote.status == 2 && local.status == 2)
        }
        let clean = try ClientFixtures.safepost(["check", "--jsonl", "--socket", server.path], input: "{\"id\":\"x\",\"text\":\"Sunny\"}\n{\"id\":\"y\",\"text\":\"Rain\"}\n")
        #expect(clean.status == 0 && clean.stdout.split(separator: "\n").count == 2)
        // One keep-alive connection carries the whole batch.
        let connections = server.connections
        _ = try ClientFixtures.safepost(["check", "--jsonl", "--socket", server.path], input: String(repeating: "{\"id\":\"x\",\"text\":\"Sunny\"}\n", count: 5))
        #expect(server.connections == connections + 1)
    }

    @Test func anUnreachableDaemonIsAnErrorNeverAVerdict() throws {
        let missing = ClientFakeServer.temporaryPath("gone")
        let plain = try ClientFixtures.safepost(["check", "--socket", missing], input: "Olly was funny")
        #expect(plain.status == 2)
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr == "safepost: cannot reach safepostd at \(missing): there is no socket there (is safepostd running?)\n")

        let json = try ClientFixtures.safepost(["check", "--json", "--socket", missing], input: #"{"id":"a","text":"hi"}"#)
        #expect(json.status == 2 && json.stdout.isEmpty)

        let lines = try ClientFixtures.safepost(["check", "--jsonl", "--socket", missing], input: "{\"id\":\"a\",\"text\":\"hi\"}\n{\"id\":\"b\",\"text\":\"hi\"}\n")
        // The line that could not be screened is answered with an error, and the batch stops.
        #expect(lines.status == 2)
        #expect(lines.stdout.split(separator: "\n").count == 1)
        #expect(lines.stdout.hasPrefix(#"{"id":"a","error":{"code":"unreachable","message":"line 1: cannot reach safepostd"#))
        #expect(lines.stderr.hasPrefix("safepost: line 1: cannot reach safepostd"))

        let silent = try ClientFakeServer { _ in .silence }
        defer { silent.stop() }
        let slow = try ClientFixtures.safepost(["check", "--socket", silent.path, "--timeout", "0.3"], input: "hello")
        #expect(slow.status == 2)
        #expect(slow.stderr == "safepost: safepostd did not answer in time\n")
    }

    @Test func aRefusalFromTheDaemonIsReportedLikeBadInput() throws {
        let server = try ClientFakeServer { request in
            .send(ClientFakeServer.response(413, "Payload Too Large", #"{"error":{"code":"too-large","message":"request body is 1200000 bytes; the limit is 1048576"}}"#))
        }
        defer { server.stop() }
        let one = try ClientFixtures.safepost(["check", "--json", "--socket", server.path], input: #"{"id":"r1","text":"long"}"#)
        #expect(one.status == 2)
        #expect(one.stdout == #"{"id":"r1","error":{"code":"too-large","message":"request body is 1200000 bytes; the limit is 1048576"}}"# + "\n")
        #expect(one.stderr.contains("safepostd refused the draft: request body is 1200000 bytes"))

        let batch = try ClientFixtures.safepost(["check", "--jsonl", "--socket", server.path], input: "{\"id\":\"r1\",\"text\":\"a\"}\n{\"id\":\"r2\",\"text\":\"b\"}\n")
        let lines = batch.stdout.split(separator: "\n")
        #expect(batch.status == 2)
        #expect(lines.count == 2, "the batch goes on after a refused line")
        #expect(lines.last == #"{"id":"r2","error":{"code":"too-large","message":"line 2: request body is 1200000 bytes; the limit is 1048576"}}"#)
    }

    @Test func rulesAreNotUsedWithASocket() throws {
        let server = try screeningServer()
        defer { server.stop() }
        let run = try ClientFixtures.safepost(["check", "--socket", server.path, "--rules", "/nonexistent"], input: "Sunny day")
        #expect(run.status == 0)
        #expect(run.stderr.contains("--rules is not used with --socket"))
    }

    // MARK: safepost concerns

    private func temporaryFile(_ contents: String) throws -> String {
        let path = NSTemporaryDirectory() + "spc-concerns-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private let entryLater = #"{"time":"2026-11-25T10:15:03Z","id":"a1","channel":"facebook","author":{"name":"Sarah Brown","role":"staff"},"categories":["child-mention","safeguarding"],"rules":["child-name","concern-injury-neglect"],"redacted":"[child] came in with [concern]\nagain"}"#
    private let entryEarlier = #"{"time":"2026-11-24T08:00:00Z","id":"z9","channel":null,"categories":["safeguarding"],"rules":["concern-injury-neglect"],"redacted":"a key child has [concern] \u001b[2J"}"#

    @Test func concernsAreListedOldestFirstInReadableBlocks() throws {
        let path = try temporaryFile(entryLater + "\n" + entryEarlier + "\n")
        defer { unlink(path) }
        let run = try ClientFixtures.safepost(["concerns", "--file", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            Record of concern \(path): 2 entries, oldest first

            2026-11-24T08:00:00Z  channel: (not given)  id: z9
              author:     (not given)
              categories: safeguarding
              rules:      concern-injury-neglect
              redacted:   a key child has [concern] \u{FFFD}[2J

            2026-11-25T10:15:03Z  channel: facebook  id: a1
              author:     Sarah Brown (staff)
              categories: child-mention, safeguarding
              rules:      child-name, concern-injury-neglect
              redacted:   [child] came in with [concern] ⏎ again

            """)
    }

    @Test func concernsJSONPassesTheLinesThrough() throws {
        let path = try temporaryFile(entryLater + "\r\n\n" + entryEarlier)
        defer { unlink(path) }
        let run = try ClientFixtures.safepost(["concerns", "--json", "--file", path])
        #expect(run.status == 0)
        #expect(run.stdout == entryLater + "\n" + entryEarlier + "\n")
    }

    @Test func aMalformedLineIsReportedByNumberAndTheRestListed() throws {
        let path = try temporaryFile(entryLater + "\n{\"time\":\"2026-11-25T10:15:03Z\",\"rules\n" + entryEarlier + "\n{\"time\":\"soon\",\"categories\":[],\"rules\":[],\"redacted\":\"\"}\n")
        defer { unlink(path) }
        let run = try ClientFixtures.safepost(["concerns", "--file", path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("2 entries, oldest first"))
        #expect(run.stdout.contains("id: a1") && run.stdout.contains("id: z9"))
        #expect(run.stderr.contains("\(path):2: not a readable entry: invalid JSON"))
        #expect(run.stderr.contains("\(path):4: not a readable entry: field \"time\" is not an ISO 8601 date-time"))
        #expect(run.stderr.contains("2 lines of \(path) could not be read; the other 2 entries are listed"))

        let json = try ClientFixtures.safepost(["concerns", "--json", "--file", path])
        #expect(json.status == 2)
        #expect(json.stdout == entryLater + "\n" + entryEarlier + "\n")
    }

    @Test func aMissingRecordMeansNoConcernsAndAnUnreadableOneIsAnError() throws {
        let missing = NSTemporaryDirectory() + "spc-none-\(getpid()).jsonl"
        let none = try ClientFixtures.safepost(["concerns", "--file", missing])
        #expect(none.status == 0)
        #expect(none.stdout == "no concerns recorded (\(missing) does not exist)\n")
        let noneJSON = try ClientFixtures.safepost(["concerns", "--json", "--file", missing])
        #expect(noneJSON.status == 0 && noneJSON.stdout.isEmpty)

        let empty = try temporaryFile("")
        defer { unlink(empty) }
        #expect(try ClientFixtures.safepost(["concerns", "--file", empty]).stdout == "no concerns recorded (\(empty) is empty)\n")

        let directory = NSTemporaryDirectory()
        let unreadable = try ClientFixtures.safepost(["concerns", "--file", directory])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("cannot read the record of concern \(directory)"))
    }

    @Test func theRecordPathComesFromTheEnvironment() throws {
        let path = try temporaryFile(entryEarlier + "\n")
        defer { unlink(path) }
        var environment = ProcessInfo.processInfo.environment
        environment["SAFEPOST_CONCERNS"] = path
        let run = try ClientFixtures.safepost(["concerns"], environment: environment)
        #expect(run.status == 0)
        #expect(run.stdout.contains("id: z9"))
    }
}
