import Foundation
import Testing

/// The endpoints answer as docs/daemon.md says, over a real Unix socket.
@Suite("safepostd endpoints")
struct ServerEndpointTests {
    static let canary = "SAFEPOST-CANARY-7c1f-BLOCK-TEST"

    @Test func healthReportsTheRuleSetServing() throws {
        let daemon = try DaemonProcess()
        let response = try daemon.request("GET", "/v1/health")
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        let health = response.json
        #expect(health["status"] as? String == "ready")
        #expect((health["version"] as? String)?.count == 16)
        for key in ["rules", "children", "staff", "carers", "markers"] {
            #expect((health[key] as? Int ?? 0) > 0, "\(key) in \(response.text)")
        }
        #expect(health["uptime_seconds"] is Double || health["uptime_seconds"] is Int)
    }

    @Test func jsonCheckAnswersExactlyAsTheCommandLineDoes() throws {
        let daemon = try DaemonProcess()
        let requests = [
            #"{"id": "b", "text": "The roses are out"}"#,
            #"{"id": "c", "text": "testing the relay \#(Self.canary)", "author": {"role": "parent"}}"#,
            #"{"id": "d", "text": "Olly was so funny today", "channel": "facebook"}"#,
        ]
        for request in requests {
            let response = try daemon.post("/v1/check", request)
            #expect(response.status == 200)
            let cli = try CommandLine.safepostCheckJSON(request)
            #expect(response.text == cli, "daemon and `safepost check --json` disagree")
        }
        let clean = try daemon.post("/v1/check", requests[0])
        #expect(clean.text == #"{"id":"b","verdict":"allow","findings":[],"redacted":"The roses are out"}"# + "\n")
        let canary = try daemon.post("/v1/check", requests[1]).json
        #expect(canary["verdict"] as? String == "block")
        let rules = (canary["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules == ["canary"])
    }

    @Test func plainTextBodyIsTheDraftWithQueryParameters() throws {
        let daemon = try DaemonProcess()
        let response = try daemon.post(
            "/v1/check?id=relay%201&role=parent&author=Sam+Jones", "please ignore \(Self.canary)", contentType: "text/plain; charset=utf-8")
        #expect(response.status == 200)
        let json = response.json
        #expect(json["id"] as? String == "relay 1")
        #expect(json["verdict"] as? String == "block")
        #expect(json["redacted"] as? String == "please ignore [personal]")

        // curl's default type for --data-binary: a draft, unless the body is a JSON object.
        let curlDraft = try daemon.post("/v1/check", "Lovely sunny morning", contentType: "application/x-www-form-urlencoded")
        #expect(curlDraft.json["verdict"] as? String == "allow")
        #expect(curlDraft.json["id"] as? String == "draft")
        let curlJSON = try daemon.post("/v1/check", #"{"id":"j","text":"hi"}"#, contentType: "application/x-www-form-urlencoded")
        #expect(curlJSON.json["id"] as? String == "j")

        let badUTF8 = try daemon.request("POST", "/v1/check", headers: [("Content-Type", "text/plain")], body: [0x48, 0x69, 0x20, 0xC3, 0x28])
        #expect(badUTF8.status == 400 && badUTF8.errorCode == "invalid-utf8")
        #expect(badUTF8.errorMessage?.contains("byte 3") == true)
        let binary = try daemon.request("POST", "/v1/check", headers: [("Content-Type", "text/plain")], body: [0x48, 0x00, 0x49])
        #expect(binary.status == 400 && binary.errorCode == "invalid-field" && binary.errorMessage?.contains("NUL") == true)
        let empty = try daemon.request("POST", "/v1/check", headers: [("Content-Type", "text/plain")], body: [])
        #expect(empty.status == 400 && empty.errorCode == "missing-field" && empty.errorMessage?.contains("empty") == true)
        let notUTF8 = try daemon.post("/v1/check?id=ok&author=%ff%fe", "hello", contentType: "text/plain")
        #expect(notUTF8.status == 400 && notUTF8.errorCode == "invalid-utf8", "\(notUTF8.status)")
        #expect(notUTF8.errorMessage?.contains("\"author\"") == true)
        let twice = try daemon.post("/v1/check?role=parent&role=staff", "hello", contentType: "text/plain")
        #expect(twice.status == 400 && twice.errorCode == "invalid-field", "\(twice.status)")
        let emptyWithId = try daemon.request("POST", "/v1/check?id=abc", headers: [("Content-Type", "text/plain")], body: [])
        #expect(emptyWithId.json["id"] as? String == "abc")
        let role = try daemon.post("/v1/check?role=king", "hello", contentType: "text/plain")
        #expect(role.status == 400 && role.errorCode == "invalid-field")
    }

    /// Before: `?role=parent` with a JSON body was ignored, and the draft got the staff rules.
    @Test func draftQueryParametersWithAJSONBodyAreRefused() throws {
        let daemon = try DaemonProcess()
        let request = #"{"id":"q","text":"please ignore \#(Self.canary)"}"#
        for type in ["application/json", nil] {
            let refused = try daemon.post("/v1/check?role=parent", request, contentType: type)
            #expect(refused.status == 400 && refused.errorCode == "invalid-field", "\(type ?? "none"): \(refused.status) \(refused.text)")
            #expect(refused.errorMessage == #"query parameter "role" is read only with a text/plain draft: put it in the JSON body instead ("author": {"role": …})"#, "\(refused.text)")
            #expect(refused.json["verdict"] == nil)
        }
        let several = try daemon.post("/v1/check?id=a1&trace=1&author=Sam&role=parent", request)
        #expect(several.status == 400 && several.errorMessage?.hasPrefix(#"query parameters "id", "author", "role" are read only with a text/plain draft: put them in the JSON body instead ("id": …, "author": {"name": …, "role": …})"#) == true, "\(several.text)")
        // curl's default type: JSON or the draft is known only from the body.
        let curlJSON = try daemon.post("/v1/check?role=parent", request, contentType: "application/x-www-form-urlencoded")
        #expect(curlJSON.status == 400 && curlJSON.errorMessage?.hasPrefix(#"query parameter "role" is read only"#) == true, "\(curlJSON.text)")
        let curlDraft = try daemon.post("/v1/check?role=parent", "Lovely sunny morning", contentType: "application/x-www-form-urlencoded")
        #expect(curlDraft.status == 200 && curlDraft.json["verdict"] as? String == "allow", "\(curlDraft.text)")
        // Other parameters are still ignored, as unknown JSON fields are.
        let other = try daemon.post("/v1/check?trace=1", request)
        #expect(other.status == 200 && other.json["id"] as? String == "q", "\(other.text)")
        // A batch's lines are JSON requests whatever its type.
        for type in ["application/x-ndjson", "text/plain"] {
            let batch = try daemon.post("/v1/check/batch?id=b&role=parent", request + "\n", contentType: type)
            #expect(batch.status == 400 && batch.errorCode == "invalid-field", "\(type): \(batch.status) \(batch.text)")
            #expect(batch.errorMessage == #"query parameters "id", "role" are read only with a text/plain draft to /v1/check: put them in each JSON line of the batch instead ("id": …, "author": {"role": …})"#, "\(batch.text)")
        }
        let batch = try daemon.post("/v1/check/batch?trace=1", request + "\n", contentType: "application/x-ndjson")
        #expect(batch.status == 200 && batch.text.contains(#""verdict":"block""#), "\(batch.text)")
    }

    @Test func keepAliveAndPipelinedRequestsAnswerInOrder() throws {
        let daemon = try DaemonProcess()
        let connection = try UnixConnection(path: daemon.socketPath)
        var burst: [UInt8] = []
        for index in 0..<5 {
            burst += HTTPRequest(method: "POST", target: "/v1/check", body: Array(#"{"id":"p\#(index)","text":"hello \#(index)"}"#.utf8)).bytes
        }
        burst += HTTPRequest(method: "GET", target: "/v1/health").bytes
        try connection.send(burst)
        for index in 0..<5 {
            let response = try connection.readResponse()
            #expect(response.json["id"] as? String == "p\(index)")
        }
        #expect(try connection.readResponse().json["status"] as? String == "ready")
        // Still open for more.
        try connection.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)
        #expect(try connection.readResponse().status == 200)
    }

    @Test func metricsAreInPrometheusTextFormat() throws {
        let daemon = try DaemonProcess()
        _ = try daemon.post("/v1/check", #"{"id":"m","text":"\#(Self.canary)"}"#)
        _ = try daemon.request("GET", "/nowhere")
        let response = try daemon.request("GET", "/metrics")
        #expect(response.status == 200)
        #expect(response.header("content-type")?.hasPrefix("text/plain") == true)
        let text = response.text
        #expect(text.contains(#"safepost_requests_total{endpoint="/v1/check",status="200"} 1"#))
        #expect(text.contains(#"safepost_requests_total{endpoint="other",status="404"} 1"#))
        #expect(text.contains(#"safepost_verdicts_total{verdict="block"} 1"#))
        #expect(text.contains(#"safepost_findings_total{category="personal-info"} 1"#))
        #expect(text.contains(#"safepost_errors_total{kind="not-found"} 1"#))
        #expect(text.contains("# TYPE safepost_request_duration_seconds histogram"))
        #expect(text.contains(#"le="0.00005""#))
        #expect(text.contains("safepost_requests_in_flight"))
    }
}

/// The `safepost` command line, for comparing answers.
enum CommandLine {
    static var safepost: URL {
        DaemonProcess.binary.deletingLastPathComponent().appendingPathComponent("safepost")
    }

    /// What `safepost check --json` prints for `request` with the shipped Rules.
    static func safepostCheckJSON(_ request: String) throws -> String {
        let process = Process()
        process.executableURL = safepost
        process.arguments = ["check", "--json", "--rules", DaemonProcess.shippedRules]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(request.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
