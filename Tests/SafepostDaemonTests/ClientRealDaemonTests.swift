import Foundation
import SafepostClient
import SafepostModel
import SafepostWire
import Testing

/// The client, `check --socket` and `concerns` against the built safepostd (when it serves).
@Suite("SafepostClient against the real safepostd", .serialized)
struct ClientRealDaemonTests {
    @Test func theClientSpeaksToTheDaemon() throws {
        guard let daemon = ClientRealDaemon.start() else { return }
        let client = SafepostClient(socketPath: daemon.socket, timeout: .seconds(10))

        guard case .object(let health) = try ResponseDecoder.decodeValue(try client.health()) else {
            Issue.record("health is not an object")
            return
        }
        #expect(health["status"] == .string("ready"))

        let olly = try client.check(ScreeningRequest(id: "o1", text: "Olly was so funny at snack time", author: Author(name: "Helen Cartwright", role: .staff)))
        #expect(olly.verdict == .block)
        #expect(olly.findings.contains { $0.rule == "child-name" && $0.match == "Olly" && $0.start == 0 && $0.end == 4 })
        #expect(olly.redacted.hasPrefix("[child] was"))

        let canary = try client.check(ScreeningRequest(id: "c1", text: "relay test SAFEPOST-CANARY-7c1f-BLOCK-TEST"))
        #expect(canary.verdict == .block)
        #expect(canary.findings.map(\.rule) == ["canary"])
        #expect(canary.findings.first?.category == .personalInfo)

        let session = try client.session()
        for n in 0..<200 {
            #expect(try session.check(ScreeningRequest(id: "s\(n)", text: "Lovely sunny walk \(n)")).verdict == .allow)
        }

        let bad = try client.checkRaw(json: Array(#"{"id":"b1","text":"#.utf8))
        #expect(bad.status == 400)
        guard case .error(let error, _) = try ResponseDecoder.decode(bad.body) else {
            Issue.record("a 400 without an error body")
            return
        }
        #expect(error.code == "invalid-json")

        let huge = ScreeningRequest(id: "h1", text: String(repeating: "a", count: 1_100_000))
        do {
            _ = try client.check(huge)
            Issue.record("an oversized draft was screened")
        } catch {
            guard case .server(413, let refusal) = error else { Issue.record("got \(error)"); return }
            #expect(refusal.code == "too-large")
        }

        let missing = try client.send(method: "GET", path: "/v1/nowhere")
        #expect(missing.status == 404)

        let lines = (0..<300).map { #"{"id":"l\#($0)","text":"\#($0 % 3 == 0 ? "Olly" : "Sunny") day"}"# }.joined(separator: "\n") + "\n"
        let batch = try client.send(method: "POST", path: "/v1/check/batch", contentType: "application/x-ndjson", body: Array(lines.utf8))
        #expect(batch.status == 200)
        let answers = batch.bodyText.split(separator: "\n")
        #expect(answers.count == 300)
        #expect(try answers.enumerated().allSatisfy { index, line in
            try ResponseDecoder.decodeResult(Array(line.utf8)).id == "l\(index)"
        })
    }

    @Test func checkThroughTheDaemonPrintsWhatTheInProcessCheckPrints() throws {
        guard let daemon = ClientRealDaemon.start() else { return }
        let samples = ClientFixtures.repo.appendingPathComponent("examples/sample-drafts.jsonl").path
        for mode in [["--jsonl"], ["--jsonl", "--report"]] {
            let local = try ClientFixtures.safepost(["check", "--rules", ClientFixtures.rules, samples] + mode)
            let remote = try ClientFixtures.safepost(["check", "--socket", daemon.socket, samples] + mode)
            #expect(remote.stdout == local.stdout)
            #expect(remote.status == local.status)
            #expect(remote.status == 1)
        }
        for draft in ["Olly was so funny at snack time today 😂", "Sunny day at the beach", "Ｏｌｌｙ loved the sandpit", "SAFEPOST-CANARY-7c1f-BLOCK-TEST"] {
            for mode in [[], ["--role", "parent"]] {
                let local = try ClientFixtures.safepost(["check", "--rules", ClientFixtures.rules] + mode, input: draft)
                let remote = try ClientFixtures.safepost(["check", "--socket", daemon.socket] + mode, input: draft)
                #expect(remote.stdout == local.stdout, "\(draft)")
                #expect(remote.status == local.status)
            }
            let json = #"{"id":"j","text":\#(String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)),"channel":"facebook"}"#
            let local = try ClientFixtures.safepost(["check", "--json", "--rules", ClientFixtures.rules], input: json)
            let remote = try ClientFixtures.safepost(["check", "--json", "--socket", daemon.socket], input: json)
            #expect(remote.stdout == local.stdout, "\(draft)")
        }
    }

    @Test func aConcernSentThroughTheDaemonIsListedRedacted() throws {
        guard let daemon = ClientRealDaemon.start() else { return }
        let request = #"{"id":"sg1","text":"Olly has had three unexplained bruises this month","channel":"whatsapp","author":{"name":"Helen Cartwright","role":"staff"}}"#
        let check = try ClientFixtures.safepost(["check", "--json", "--socket", daemon.socket], input: request)
        #expect(check.status == 1)
        #expect(check.stdout.contains("\"safeguarding\""))

        let listing = try ClientFixtures.safepost(["concerns", "--file", daemon.concerns])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("1 entry, oldest first"))
        #expect(listing.stdout.contains("channel: whatsapp  id: sg1"))
        #expect(listing.stdout.contains("author:     Helen Cartwright (staff)"))
        #expect(listing.stdout.contains("safeguarding"))
        #expect(listing.stdout.contains("redacted:   [child] has had three"))
        #expect(!listing.stdout.contains("Olly"), "the record holds the redacted draft only")

        let json = try ClientFixtures.safepost(["concerns", "--json", "--file", daemon.concerns])
        #expect(json.stdout.split(separator: "\n").count == 1)
    }
}
