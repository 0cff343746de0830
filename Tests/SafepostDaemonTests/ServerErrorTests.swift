import Foundation
import Testing

/// Bad requests get the status and error code docs/daemon.md gives them, and the daemon goes on.
@Suite("safepostd errors and limits")
struct ServerErrorTests {
    @Test func malformedRequestsAre400NamingTheProblem() throws {
        let daemon = try DaemonProcess()
        let invalid = try daemon.post("/v1/check", #"{"id": "x", "text": "#)
        #expect(invalid.status == 400 && invalid.errorCode == "invalid-json")
        #expect(invalid.errorMessage?.contains("byte") == true)
        let missing = try daemon.post("/v1/check", #"{"id": "y"}"#)
        #expect(missing.status == 400 && missing.errorCode == "missing-field")
        #expect(missing.json["id"] as? String == "y")
        #expect(missing.errorMessage?.contains("\"text\"") == true)
        let wrongType = try daemon.post("/v1/check", #"{"id": "z", "text": 5}"#)
        #expect(wrongType.status == 400 && wrongType.errorCode == "invalid-field")
        // A malformed HTTP request gets 400 saying why, and the daemon keeps serving.
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send("NONSENSE\r\n\r\n")
        let nonsense = try connection.readResponse()
        #expect(nonsense.status == 400 && nonsense.errorCode == "bad-request")
        #expect(nonsense.errorMessage?.hasPrefix("malformed HTTP request: ") == true, "\(nonsense.text)")
        #expect(nonsense.header("connection") == "close")
        #expect(try daemon.request("GET", "/v1/health").status == 200)
    }

    @Test func bareLineFeedsAreRefusedWithABodySayingUseCRLF() throws {
        let daemon = try DaemonProcess()
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send("POST /v1/check HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 25\n\n{\"id\":\"fp\",\"text\":\"Olly\"}")
        let response = try connection.readResponse()
        #expect(response.status == 400 && response.errorCode == "bad-request")
        #expect(response.errorMessage == "malformed HTTP request: bare LF line endings are not accepted; end each line of the request head with CRLF", "\(response.text)")
        // A bare LF in a header line after a good request line, on a connection already handed over.
        let later = try UnixConnection(path: daemon.socketPath)
        try later.send("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try later.readResponse().status == 200)
        try later.send("GET /v1/health HTTP/1.1\r\nHost: x\n\r\n")
        let generic = try later.readResponse()
        #expect(generic.status == 400 && generic.errorMessage?.hasPrefix("malformed HTTP request: ") == true, "\(generic.text)")
        #expect(try daemon.request("GET", "/v1/health").status == 200)
    }

    @Test func bodiesWithoutALengthAre411() throws {
        let daemon = try DaemonProcess()
        for target in ["/v1/check", "/v1/check/batch", "/v1/mail"] {
            let connection = try UnixConnection(path: daemon.socketPath)
            try connection.send("POST \(target) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{\"id\":\"a\",\"text\":\"hi\"}")
            let response = try connection.readResponse()
            #expect(response.status == 411 && response.errorCode == "length-required", "\(target): \(response.text)")
            #expect(response.errorMessage?.contains("Content-Length") == true)
            #expect(response.header("connection") == "close")
        }
        // Chunked bodies have no Content-Length and are fine.
        let chunked = try UnixConnection(path: daemon.socketPath)
        try chunked.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n16\r\n{\"id\":\"c\",\"text\":\"hi\"}\r\n0\r\n\r\n")
        let answer = try chunked.readResponse()
        #expect(answer.status == 200, "\(answer.text)")
    }

    @Test func unknownPathsMethodsAndTypesAre404_405_415() throws {
        let daemon = try DaemonProcess()
        let notFound = try daemon.request("GET", "/v2/check")
        #expect(notFound.status == 404 && notFound.errorCode == "not-found")
        let wrongMethod = try daemon.request("GET", "/v1/check")
        #expect(wrongMethod.status == 405 && wrongMethod.errorCode == "method-not-allowed")
        #expect(wrongMethod.header("allow") == "POST")
        #expect(try daemon.request("POST", "/v1/health").status == 405)
        let type = try daemon.post("/v1/check", "<draft/>", contentType: "application/xml")
        #expect(type.status == 415 && type.errorCode == "unsupported-media-type")
        #expect(try daemon.post("/v1/check/batch", "x", contentType: "image/png").status == 415)
        // The connection survives an error decided by the head (its body is read and dropped).
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send(HTTPRequest(method: "POST", target: "/nowhere", body: Array(repeating: 0x61, count: 5000)).bytes)
        #expect(try connection.readResponse().status == 404)
        try connection.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)
        #expect(try connection.readResponse().status == 200)
    }

    @Test func contentTypesAreReadWithoutCaseParametersOrSurroundingBlanks() throws {
        let daemon = try DaemonProcess()
        let json = #"{"id": "j1", "text": "A lovely walk by the river"}"#
        for type in ["Application/JSON; charset=utf-8", " application/json\t", "APPLICATION/X-NDJSON"] {
            let response = try daemon.post("/v1/check", json, contentType: type)
            #expect(response.status == 200 && response.json["id"] as? String == "j1", "\(type)")
        }
        for type in ["TEXT/PLAIN", "text/plain ; charset=utf-8", "text/plain; format=flowed; Charset=\"UTF-8\"", "text/plain;charset=us-ascii"] {
            let response = try daemon.post("/v1/check", json, contentType: type)
            // Read as the draft itself: the id is the default one.
            #expect(response.status == 200 && response.json["id"] as? String == "draft", "\(type)")
        }
        // The body would be read as UTF-8 whatever it says, so another charset is refused.
        for type in ["text/plainx", "application/json-seq", "text", "json", "text/plain; charset=latin1",
                     "application/json; charset=\"iso-8859-1\"", "text/plain;charset=utf-16"] {
            let response = try daemon.post("/v1/check", json, contentType: type)
            #expect(response.status == 415 && response.errorCode == "unsupported-media-type", "\(type)")
        }
    }

    @Test func bodiesOverMaxBodyAre413WithoutReadingThem() throws {
        let daemon = try DaemonProcess(arguments: ["--max-body", "1000"])
        // Declared too large: answered from the head alone, and the connection closes.
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n{\"id\":")
        let declared = try connection.readResponse()
        #expect(declared.status == 413 && declared.errorCode == "too-large")
        #expect(declared.header("connection") == "close")
        #expect(connection.isClosedByPeer())
        // Chunked, so only known as it grows.
        let chunked = try UnixConnection(path: daemon.socketPath)
        let chunk = String(repeating: "a", count: 600)
        try chunked.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n")
        try chunked.send("258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n")
        let grown = try chunked.readResponse()
        #expect(grown.status == 413 && grown.errorCode == "too-large")
        // Exactly at the limit is fine.
        let atLimit = try daemon.post("/v1/check", String(repeating: "b", count: 1000), contentType: "text/plain")
        #expect(atLimit.status == 200)
        #expect(try daemon.request("GET", "/v1/health").status == 200)
    }

    /// Every `too-large` answer says the same thing in the same shape: what was too large, its size
    /// when known, the limit in bytes and the setting that raises it.
    @Test func everyTooLargeAnswerNamesItsSizeTheLimitAndTheSetting() throws {
        let daemon = try DaemonProcess(arguments: ["--max-body", "1000"])
        func refusal(_ head: String, _ body: [UInt8] = []) throws -> HTTPResponse {
            let connection = try UnixConnection(path: daemon.socketPath)
            try connection.send(head)
            // The daemon may answer and close before taking all of the body.
            var offset = 0
            while offset < body.count, (try? connection.send(Array(body[offset..<min(offset + 65_536, body.count)]))) != nil {
                offset += 65_536
            }
            return try connection.readResponse()
        }
        let declared = try refusal("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n")
        #expect(declared.errorMessage == "request body is 50000000 bytes; the limit is 1000 bytes (max-body raises it)")
        let chunk = String(repeating: "a", count: 600)
        let grown = try refusal("POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                                + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n")
        #expect(grown.errorMessage == "request body is more than 1000 bytes; the limit is 1000 bytes (max-body raises it)")

        // A raw message may be up to 10 MiB whatever max-body says; max-body raises that too.
        let mail = try refusal("POST /v1/mail HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\nContent-Length: 50000000\r\n\r\n")
        #expect(mail.errorMessage == "message is 50000000 bytes; the limit is 10485760 bytes (max-body raises it)")
        let megabyte = Array("Subject: s\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 1 << 20)
        var chunked: [UInt8] = []
        for _ in 0..<11 { chunked += Array((String(megabyte.count, radix: 16) + "\r\n").utf8) + megabyte + Array("\r\n".utf8) }
        let grownMail = try refusal("POST /v1/mail HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\nTransfer-Encoding: chunked\r\n\r\n", chunked)
        #expect(grownMail.status == 413)
        #expect(grownMail.errorMessage == "message is more than 10485760 bytes; the limit is 10485760 bytes (max-body raises it)")
        let text = try daemon.request("POST", "/v1/mail", headers: [("Content-Type", "message/rfc822")],
                                      body: Array(("Subject: s\r\n\r\n" + String(repeating: "a quiet weekend ", count: 100)).utf8))
        #expect(text.errorMessage == "message text is 1600 bytes; the limit is 1000 bytes (max-body raises it)", "\(text.text)")

        // A batch line: its size when the whole line had arrived, else "more than".
        let batch = try daemon.post("/v1/check/batch", #"{"id":"a","text":"hi"}"# + "\n" + String(repeating: "x", count: 5000) + "\n")
        let line = try #require(batch.text.split(separator: "\n").last.map(String.init))
        let error = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["error"] as? [String: Any]
        let message = try #require(error?["message"] as? String)
        #expect(message == "line 2: batch line is 5000 bytes; the limit is 1000 bytes (max-body raises it)"
                || message == "line 2: batch line is more than 1000 bytes; the limit is 1000 bytes (max-body raises it)", "\(message)")
    }

    /// `Expect: 100-continue`: a head the daemon refuses gets its refusal at once, never
    /// `100 Continue` first; and as its body may never come, the connection then closes.
    @Test func aHeadThatIsRefusedGetsNo100Continue() throws {
        let daemon = try DaemonProcess(arguments: ["--max-body", "1000"])
        func head(_ target: String, _ type: String, length: Int) -> String {
            "POST \(target) HTTP/1.1\r\nHost: x\r\nContent-Type: \(type)\r\nExpect: 100-continue\r\nContent-Length: \(length)\r\n\r\n"
        }
        let badQueries = [
            ("/v1/check?role=parent&role=staff", "text/plain", "\"role\" is given twice"),
            ("/v1/check?role=king", "text/plain", "\"role\" must be one of"),
            ("/v1/check?id=a&id=b", "application/x-www-form-urlencoded", "\"id\" is given twice"),  // curl's default type
            ("/v1/check?role=parent", "application/json", "put it in the JSON body instead"),
            ("/v1/check/batch?role=parent", "application/x-ndjson", "put it in each JSON line of the batch instead"),
        ]
        for (target, type, reason) in badQueries {
            let connection = try UnixConnection(path: daemon.socketPath, receiveTimeout: 3)
            try connection.send(head(target, type, length: 11))
            let response = try connection.readResponse(skippingInterim: false)
            #expect(response.status == 400 && response.errorCode == "invalid-field", "\(target): \(response.status) \(response.text)")
            #expect(response.errorMessage?.contains(reason) == true, "\(target): \(response.text)")
            #expect(response.header("connection") == "close")
            #expect(connection.isClosedByPeer())
        }
        // A declared body over the limit: 413 at once as well.
        for (target, type) in [("/v1/check", "text/plain"), ("/v1/mail", "message/rfc822")] {
            let connection = try UnixConnection(path: daemon.socketPath, receiveTimeout: 3)
            try connection.send(head(target, type, length: 50_000_000))
            let response = try connection.readResponse(skippingInterim: false)
            #expect(response.status == 413 && response.errorCode == "too-large", "\(target): \(response.status)")
        }
        // Without Expect the body is on its way: it is read and dropped, and the connection serves on.
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send(HTTPRequest(method: "POST", target: "/v1/check?role=parent&role=staff",
                                        headers: [("Content-Type", "text/plain")], body: Array("hello there".utf8)).bytes)
        let refused = try connection.readResponse()
        #expect(refused.status == 400 && refused.header("connection") == nil)
        // A head that passes is asked for its body, and answered.
        try connection.send(head("/v1/check?id=q1&role=parent", "text/plain", length: 11))
        #expect(try connection.readResponse(skippingInterim: false).status == 100)
        try connection.send("hello there")
        let answer = try connection.readResponse()
        #expect(answer.status == 200 && answer.json["id"] as? String == "q1", "\(answer.text)")
    }

    @Test func slowHeadsGet408AndIdleConnectionsClose() throws {
        let daemon = try DaemonProcess(arguments: ["--header-timeout", "0.3", "--idle-timeout", "0.6"])
        let slow = try UnixConnection(path: daemon.socketPath)
        try slow.send("GET /v1/health HTTP/1.1\r\nHost: x\r\n")
        let started = Date()
        let timedOut = try slow.readResponse()
        #expect(timedOut.status == 408 && timedOut.errorCode == "timeout")
        #expect(Date().timeIntervalSince(started) < 3)

        let idle = try UnixConnection(path: daemon.socketPath)
        try idle.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)
        #expect(try idle.readResponse().status == 200)
        let quiet = Date()
        #expect(idle.isClosedByPeer())
        #expect(Date().timeIntervalSince(quiet) > 0.4)
    }

    @Test func connectionsOverTheCapAreClosedAtOnce() throws {
        let daemon = try DaemonProcess(arguments: ["--max-connections", "2"])
        // The start-up probe's connection may not be counted out yet: retry until two are served.
        var open: [UnixConnection] = []
        for _ in 0..<100 where open.count < 2 {
            let connection = try UnixConnection(path: daemon.socketPath)
            if (try? connection.send(HTTPRequest(method: "GET", target: "/v1/health").bytes)) != nil,
               (try? connection.readResponse())?.status == 200 {
                open.append(connection)
            } else {
                usleep(20_000)
            }
        }
        try #require(open.count == 2)
        let first = open[0]
        let third = try UnixConnection(path: daemon.socketPath)
        #expect(third.isClosedByPeer())
        // Said in the log at the default level (once, not per refusal).
        #expect(daemon.log.contains("connections refused: at max-connections"), "\(daemon.log)")
        first.close()
        // A slot frees up once a connection closes.
        var served = false
        for _ in 0..<50 where !served {
            usleep(20_000)
            if let again = try? daemon.request("GET", "/v1/health"), again.status == 200 { served = true }
        }
        #expect(served)
    }
}
