import Foundation
import SafepostClient
import SafepostModel
import SafepostWire
import Testing
#if canImport(Glibc)
import Glibc
#endif

private let olly = #"{"id":"a1","verdict":"block","findings":[{"category":"child-mention","rule":"child-name","clause":"Staff and students must not mention children by name.","severity":"block","start":0,"end":4,"match":"Olly"}],"redacted":"[child] was funny"}"#

private let ollyResult = ScreeningResult(
    id: "a1", verdict: .block,
    findings: [Finding(category: .childMention, rule: "child-name", clause: "Staff and students must not mention children by name.",
                       severity: .block, start: 0, end: 4, match: "Olly")],
    redacted: "[child] was funny")

private let ollyRequest = ScreeningRequest(id: "a1", text: "Olly was funny", author: Author(name: "Sarah Brown", role: .staff), channel: "chat")

/// The `ClientError` a call threw, or nil if it returned.
private func failure<T>(_ body: () throws(ClientError) -> T) -> ClientError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

@Suite("SafepostClient over a Unix socket")
struct ClientTests {
    @Test func checkSendsJSONWithContentLengthAndDecodesTheAnswer() throws {
        let server = try ClientFakeServer { _ in .send(ClientFakeServer.response(200, olly)) }
        defer { server.stop() }
        let result = try SafepostClient(socketPath: server.path).check(ollyRequest)
        #expect(result == ollyResult)

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.target == "/v1/check")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["content-length"] == String(request.body.count))
        #expect(request.headers["host"] != nil, "HTTP/1.1 requires Host")
        #expect(request.headers["connection"] == "close")
        #expect(try RequestDecoder.decode(request.body) == ollyRequest)
    }

    @Test func chunkedBodiesAreReassembled() throws {
        let pieces = [String(olly.prefix(10)), String(olly.dropFirst(10).prefix(1)), "", String(olly.dropFirst(11))]
        let server = try ClientFakeServer { _ in .sendThenClose(ClientFakeServer.chunked(200, pieces)) }
        defer { server.stop() }
        #expect(try SafepostClient(socketPath: server.path).check(ollyRequest) == ollyResult)
        let raw = try SafepostClient(socketPath: server.path).send(method: "POST", path: "/v1/check/batch", contentType: "application/x-ndjson", body: Array("{}\n".utf8))
        #expect(raw.status == 200)
        #expect(raw.body == Array(olly.utf8))
        #expect(raw.header("transfer-encoding") == "chunked")
    }

    @Test func shortReadsOfEveryByteAreFine() throws {
        // Status line, headers and body arrive one byte at a time; a 100 Continue comes first.
        let answer = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8) + ClientFakeServer.chunked(200, [olly])
        let server = try ClientFakeServer { _ in .trickle(answer, pauseMicros: 50) }
        defer { server.stop() }
        #expect(try SafepostClient(socketPath: server.path).check(ollyRequest) == ollyResult)
    }

    @Test func aBodyUpToTheCloseIsRead() throws {
        let server = try ClientFakeServer { _ in .sendThenClose(Array("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n\(olly)".utf8)) }
        defer { server.stop() }
        #expect(try SafepostClient(socketPath: server.path).check(ollyRequest) == ollyResult)
    }

    @Test func healthReturnsTheBody() throws {
        let body = #"{"status":"ready","version":"abc","rules":32}"#
        let server = try ClientFakeServer { request in
            request.method == "GET" && request.target == "/v1/health" && request.body.isEmpty && request.headers["content-length"] == nil
                ? .send(ClientFakeServer.response(200, body)) : .send(ClientFakeServer.response(404, "Not Found", #"{"error":{"code":"not-found","message":"no"}}"#))
        }
        defer { server.stop() }
        #expect(try SafepostClient(socketPath: server.path).health() == Array(body.utf8))
    }

    @Test func errorBodiesBecomeServerErrors() throws {
        let server = try ClientFakeServer { request in
            request.bodyText.contains("big")
                ? .send(ClientFakeServer.response(413, "Payload Too Large", #"{"error":{"code":"too-large","message":"request body is 2000000 bytes; the limit is 1048576"}}"#))
                : .send(ClientFakeServer.response(500, "Internal Server Error", #"{"id":"a1","error":{"code":"concern-log-failed","message":"the record of concern could not be written"}}"#))
        }
        defer { server.stop() }
        let client = SafepostClient(socketPath: server.path)
        let big = failure { () throws(ClientError) in try client.check(ScreeningRequest(id: "b", text: "big")) }
        #expect(big == .server(status: 413, WireError(code: "too-large", message: "request body is 2000000 bytes; the limit is 1048576")))
        #expect(big?.isTemporary == false)
        let log = failure { () throws(ClientError) in try client.check(ollyRequest) }
        #expect(log == .server(status: 500, WireError(code: "concern-log-failed", message: "the record of concern could not be written", id: "a1")))
        #expect(log?.isTemporary == true)
        #expect(log?.description == "safepostd refused the request (HTTP 500, concern-log-failed): the record of concern could not be written")

        // checkRaw hands back any status and body untouched.
        let raw = try client.checkRaw(json: Array(#"{"id":"x","text":"big"}"#.utf8))
        #expect(raw.status == 413)
        #expect(String(decoding: raw.body, as: UTF8.self).contains("too-large"))
    }

    @Test func anErrorWithoutJSONIsAProtocolViolation() throws {
        let server = try ClientFakeServer { _ in .send(ClientFakeServer.response(502, "Bad Gateway", contentType: "text/html", "<h1>oops</h1>")) }
        defer { server.stop() }
        let error = failure { () throws(ClientError) in try SafepostClient(socketPath: server.path).check(ollyRequest) }
        guard case .protocolViolation(let what)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.contains("HTTP 502 Bad Gateway without a JSON error body"))
    }

    @Test func aServerThatClosesEarlyIsAProtocolError() throws {
        let silentClose = try ClientFakeServer { _ in .close }
        defer { silentClose.stop() }
        let closed = failure { () throws(ClientError) in try SafepostClient(socketPath: silentClose.path).check(ollyRequest) }
        #expect(closed == .protocolViolation("the daemon closed the connection without answering"))
        #expect(closed?.description.contains("unexpected answer from safepostd") == true)

        let cut = Array(ClientFakeServer.response(200, olly).dropLast(20))
        let shortBody = try ClientFakeServer { _ in .sendThenClose(cut) }
        defer { shortBody.stop() }
        let short = failure { () throws(ClientError) in try SafepostClient(socketPath: shortBody.path).check(ollyRequest) }
        let total = olly.utf8.count
        #expect(short == .protocolViolation("the daemon closed the connection after \(total - 20) of \(total) bytes of the body (Content-Length \(total))"))

        let midHeaders = try ClientFakeServer { _ in .sendThenClose(Array("HTTP/1.1 200 OK\r\nContent-Le".utf8)) }
        defer { midHeaders.stop() }
        let headers = failure { () throws(ClientError) in try SafepostClient(socketPath: midHeaders.path).check(ollyRequest) }
        #expect(headers == .protocolViolation("the daemon closed the connection in the middle of the headers"))

        let midChunks = try ClientFakeServer { _ in .sendThenClose(Array(ClientFakeServer.chunked(200, [olly]).dropLast(25))) }
        defer { midChunks.stop() }
        guard case .protocolViolation? = failure({ () throws(ClientError) in try SafepostClient(socketPath: midChunks.path).check(ollyRequest) }) else {
            Issue.record("a cut chunked body was accepted")
            return
        }
    }

    @Test func malformedAnswersAreProtocolErrors() throws {
        func ok(_ body: String) -> String { "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body }
        let cases: [(String, String)] = [
            ("SMTP/1.0 220 hello\r\n\r\n", "malformed status line"),
            ("HTTP/1.1 2000 OK\r\n\r\n", "malformed status line"),
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef", "invalid Content-Length"),
            ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size line"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "longer than its declared size"),
            ("HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", "folded header line"),
            ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line"),
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", "not a screening result: missing required field \"id\""),
            (ok(#"{"id":"zz","verdict":"allow","findings":[],"redacted":""}"#), "the answer is for id \"zz\", not \"a1\""),
            (ok(#"{"id":"a1","verdict":"allow","findings":[],"redacted":"" "#), "not a screening result: invalid JSON at byte"),
            ("HTTP/1.1 200 OK\r\nX: " + String(repeating: "x", count: 70_000) + "\r\n\r\n", "too long"),
        ]
        for (answer, expected) in cases {
            let server = try ClientFakeServer { _ in .sendThenClose(Array(answer.utf8)) }
            defer { server.stop() }
            let error = failure { () throws(ClientError) in try SafepostClient(socketPath: server.path).check(ollyRequest) }
            guard case .protocolViolation(let what)? = error else {
                Issue.record("\(answer.prefix(60).debugDescription): got \(String(describing: error))")
                continue
            }
            #expect(what.contains(expected), "\(answer.prefix(60).debugDescription): \(what)")
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try ClientFakeServer { _ in .silence }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = failure { () throws(ClientError) in
            try SafepostClient(socketPath: server.path, timeout: .milliseconds(300)).check(ollyRequest)
        }
        let elapsed = ContinuousClock.now - started
        #expect(error == .timeout)
        #expect(error?.description == "safepostd did not answer in time")
        #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(3), "took \(elapsed)")
    }

    @Test func aTrickleCannotStretchTheDeadline() throws {
        // Each byte comes well inside the timeout, but the whole answer would take seconds.
        let server = try ClientFakeServer { _ in .trickle(ClientFakeServer.response(200, olly), pauseMicros: 20_000) }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = failure { () throws(ClientError) in
            try SafepostClient(socketPath: server.path, timeout: .milliseconds(300)).check(ollyRequest)
        }
        #expect(error == .timeout)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func noServerIsAConnectError() throws {
        let missing = ClientFakeServer.temporaryPath("none")
        let error = failure { () throws(ClientError) in try SafepostClient(socketPath: missing).check(ollyRequest) }
        #expect(error == .connect(path: missing, errno: ENOENT))
        #expect(error?.description == "cannot reach safepostd at \(missing): there is no socket there (is safepostd running?)")
        #expect(error?.isTemporary == true)

        // A socket file left behind by a daemon that is gone.
        let stale = ClientFakeServer.temporaryPath("stale")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(stale.utf8))
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        defer { unlink(stale) }
        let refused = failure { () throws(ClientError) in try SafepostClient(socketPath: stale).health() }
        #expect(refused == .connect(path: stale, errno: ECONNREFUSED))
        #expect(refused?.description.contains("connection refused") == true)

        let long = "/tmp/" + String(repeating: "x", count: 120) + ".sock"
        let tooLong = failure { () throws(ClientError) in try SafepostClient(socketPath: long).health() }
        #expect(tooLong == .connect(path: long, errno: ENAMETOOLONG))
        #expect(tooLong?.description.contains("at most 107 bytes") == true)
    }

    @Test func anEarlyAnswerToALargeBodyIsRead() throws {
        // The daemon refuses from the head alone and closes without reading the 8 MB body.
        let server = try ClientFakeServer(readsBody: false) { _ in
            .sendThenClose(ClientFakeServer.response(413, "Payload Too Large", #"{"error":{"code":"too-large","message":"request body is 8388608 bytes; the limit is 1048576"}}"#))
        }
        defer { server.stop() }
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 8 << 20)
        let client = SafepostClient(socketPath: server.path, timeout: .seconds(5))
        let response = try client.send(method: "POST", path: "/v1/check", contentType: "text/plain", body: body)
        #expect(response.status == 413)
        #expect(response.bodyText.contains("too-large"))
    }

    @Test func headInjectionIsRefusedBeforeConnecting() {
        let client = SafepostClient(socketPath: "/nonexistent/never-used.sock")
        for (method, path, type) in [("GET", "/v1/health\r\nX: y", nil), ("GE T", "/", nil), ("POST", "v1/check", nil), ("POST", "/", "text/plain\r\nX: y")] as [(String, String, String?)] {
            guard case .protocolViolation(let what)? = failure({ () throws(ClientError) in try client.send(method: method, path: path, contentType: type) }) else {
                Issue.record("\(method) \(path) was sent")
                continue
            }
            #expect(what.hasPrefix("refusing to send"))
        }
    }

    @Test func aSessionKeepsOneConnection() throws {
        let server = try ClientFakeServer { request in
            let id = try! RequestDecoder.decode(request.body).id
            return .send(ClientFakeServer.response(200, #"{"id":"\#(id)","verdict":"allow","findings":[],"redacted":"ok"}"#))
        }
        defer { server.stop() }
        let session = try SafepostClient(socketPath: server.path).session()
        for n in 0..<50 {
            let result = try session.check(ScreeningRequest(id: "s\(n)", text: "ok"))
            #expect(result.id == "s\(n)")
        }
        #expect(server.connections == 1)
        #expect(server.requests.allSatisfy { $0.headers["connection"] == nil })
    }

    @Test func aSessionReconnectsWhenTheDaemonCloses() throws {
        // Every answer closes the connection (the first also says so in a header): each request needs a new one.
        let server = try ClientFakeServer { request in
            let id = try! RequestDecoder.decode(request.body).id
            return .sendThenClose(ClientFakeServer.response(200, #"{"id":"\#(id)","verdict":"allow","findings":[],"redacted":"ok"}"#, extraHeaders: id == "k0" ? "Connection: close\r\n" : ""))
        }
        defer { server.stop() }
        let session = try SafepostClient(socketPath: server.path).session()
        for n in 0..<6 {
            #expect(try session.check(ScreeningRequest(id: "k\(n)", text: "ok")).id == "k\(n)")
            // Every other time, let the close arrive first (seen before sending); otherwise the request
            // may go out on the closed connection and is sent again on a new one.
            if n % 2 == 0 { usleep(20_000) }
        }
        #expect(server.requests.count >= 6)
    }

    @Test func manyThreadsShareOneClient() async throws {
        let server = try ClientFakeServer { request in
            let id = try! RequestDecoder.decode(request.body).id
            return .send(ClientFakeServer.response(200, #"{"id":"\#(id)","verdict":"allow","findings":[],"redacted":"ok"}"#))
        }
        defer { server.stop() }
        let client = SafepostClient(socketPath: server.path)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<32 {
                group.addTask { try client.check(ScreeningRequest(id: "t\(n)", text: "ok")).id == "t\(n)" }
            }
            for try await ok in group { #expect(ok) }
        }
        #expect(server.requests.count == 32)
    }
}
