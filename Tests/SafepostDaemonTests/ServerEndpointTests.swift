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
