import Foundation
import Testing

/// `GET /metrics` counts every request once, by endpoint and status, however it was answered.
@Suite("safepostd metrics")
struct ServerMetricsTests {
    func metric(_ name: String, of daemon: DaemonProcess) throws -> Double? {
        try SafepostdHeavyTests.metric(name, of: daemon)
    }

    /// Refusals decided by the head close the connection; they were answered but never counted.
    @Test func requestsRefusedFromTheHeadAreCountedLikeOtherRefusals() throws {
        let daemon = try DaemonProcess(arguments: ["--max-body", "1000"])
        let refusals = [
            "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n{\"id\":",
            "POST /v1/mail HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\nContent-Length: 50000000\r\n\r\nFrom: a",
            "POST /v1/check/batch HTTP/1.1\r\nHost: x\r\n\r\n",
        ]
        for request in refusals {
            let connection = try UnixConnection(path: daemon.socketPath)
            try connection.send(request)
            let response = try connection.readResponse()
            #expect(response.status == 413 || response.status == 411, "\(response.text)")
            #expect(connection.isClosedByPeer())
        }
        // An answer that closes the connection because the client asked for it is counted too.
        let health = try daemon.request("GET", "/v1/health", headers: [("Connection", "close")])
        #expect(health.status == 200)

        #expect(try metric(#"safepost_requests_total{endpoint="/v1/check",status="413"}"#, of: daemon) == 1)
        #expect(try metric(#"safepost_requests_total{endpoint="/v1/mail",status="413"}"#, of: daemon) == 1)
        #expect(try metric(#"safepost_requests_total{endpoint="/v1/check/batch",status="411"}"#, of: daemon) == 1)
        #expect(try metric(#"safepost_requests_total{endpoint="/v1/health",status="200"}"#, of: daemon) == 1)
        #expect(try metric(#"safepost_errors_total{kind="too-large"}"#, of: daemon) == 2)
        #expect(try metric(#"safepost_errors_total{kind="length-required"}"#, of: daemon) == 1)
        // The body cut short by the daemon's own close is not a second, malformed request.
        #expect(try metric(#"safepost_errors_total{kind="bad-request"}"#, of: daemon) == 0)
        #expect(try metric("safepost_requests_in_flight", of: daemon) == 1)  // the /metrics request itself
    }

    /// NIOHTTP1 hands over a request pipelined behind a recorded concern from inside the write of
    /// that concern's answer: both are counted, and nothing stays in flight.
    @Test func requestsPipelinedBehindARecordedConcernAreEachCounted() throws {
        let daemon = try DaemonProcess()
        let concern = HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", "text/plain")],
                                  body: Array("Olly came in with a bruise on his arm and said daddy hit him".utf8))
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send(concern.bytes + Array(repeating: HTTPRequest(method: "GET", target: "/v1/health").bytes, count: 3).flatMap { $0 })
        let first = try connection.readResponse()
        #expect(first.status == 200 && first.json["verdict"] as? String == "block", "\(first.text)")
        for _ in 0..<3 { #expect(try connection.readResponse().status == 200) }

        #expect(try metric(#"safepost_requests_total{endpoint="/v1/check",status="200"}"#, of: daemon) == 1)
        #expect(try metric(#"safepost_requests_total{endpoint="/v1/health",status="200"}"#, of: daemon) == 3)
        #expect(try metric("safepost_requests_in_flight", of: daemon) == 1)
    }
}
