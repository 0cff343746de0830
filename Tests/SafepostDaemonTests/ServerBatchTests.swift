import Foundation
import Testing

/// `/v1/check/batch` streams one answer line per input line, in order, and a bad line does not
/// stop the batch.
@Suite("safepostd batches")
struct ServerBatchTests {
    @Test func aThousandLinesKeepTheirOrderAroundABadLine() throws {
        let daemon = try DaemonProcess()
        var body = ""
        for index in 1...1000 {
            switch index {
            case 500: body += "{\"id\": \"l500\", \"text\": \n"
            case 700: body += "\r\n"  // blank lines are skipped
            case 800: body += #"{"id":"l800","text":"Olly was so funny"}"# + "\r\n"
            default: body += #"{"id":"l\#(index)","text":"Lovely sunny morning number \#(index)"}"# + "\n"
            }
        }
        let connection = try UnixConnection(path: daemon.socketPath)
        // Write from another thread while reading here, as a streaming client must.
        let request = HTTPRequest(method: "POST", target: "/v1/check/batch", headers: [("Content-Type", "application/x-ndjson")], body: Array(body.utf8))
        let writer = Thread { try? connection.send(request.bytes) }
        writer.start()
        var chunks = 0
        let response = try connection.readResponse { _ in chunks += 1 }
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/x-ndjson")
        #expect(response.header("transfer-encoding") == "chunked")
        let lines = response.text.split(separator: "\n").map(String.init)
        try #require(lines.count == 999, "one answer per non-blank line")
        for (offset, line) in lines.enumerated() {
            let index = offset < 699 ? offset + 1 : offset + 2
            let json = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
            if index == 500 {
                let error = json["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid-json")
                #expect((error?["message"] as? String)?.hasPrefix("line 500: ") == true, "\(line)")
            } else {
                #expect(json["id"] as? String == "l\(index)", "answer \(offset)")
                #expect(json["verdict"] as? String == (index == 800 ? "block" : "allow"))
            }
        }
        // The same connection serves on.
        try connection.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)
        #expect(try connection.readResponse().status == 200)
    }

    @Test func aLineOverMaxBodyIsAnErrorLineAndTheBatchGoesOn() throws {
        let daemon = try DaemonProcess(arguments: ["--max-body", "200"])
        let long = #"{"id":"long","text":""# + String(repeating: "x", count: 500) + "\"}"
        let body = #"{"id":"a","text":"hello"}"# + "\n" + long + "\n" + #"{"id":"c","text":"bye"}"# // no final newline
        let response = try daemon.post("/v1/check/batch", body)
        let lines = response.text.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(response.text)")
        #expect(lines[0].contains(#""id":"a""#))
        #expect(lines[1].contains(#""code":"too-large""#) && lines[1].contains("line 2: "))
        #expect(lines[2].contains(#""id":"c""#))
    }
}
