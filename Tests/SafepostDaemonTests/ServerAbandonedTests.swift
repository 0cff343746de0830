import Foundation
import Testing

/// A request whose client has closed the connection before its turn is not screened, and is
/// counted in `safepost_errors_total{kind="abandoned"}`; nothing changes for a client still there.
@Suite("safepostd clients that go away")
struct ServerAbandonedTests {
    func metric(_ name: String, of daemon: DaemonProcess) throws -> Double {
        try SafepostdHeavyTests.metric(name, of: daemon) ?? -1
    }

    static let draft = "A lovely sunny morning at the park with everyone"

    /// Sends `bytes` on a new connection and closes it at once, without reading any answer.
    func sendAndLeave(_ daemon: DaemonProcess, _ bytes: [UInt8]) throws {
        let connection = try UnixConnection(path: daemon.socketPath)
        try connection.send(bytes)
        connection.close()
    }

    /// Waits until every request has been either screened or abandoned, and none is in flight.
    func settle(_ daemon: DaemonProcess, total: Double) throws -> (screened: Double, abandoned: Double) {
        var counts = (screened: 0.0, abandoned: 0.0)
        SafepostdHeavyTests.waitUntil(timeout: 10) {
            counts = ((try? metric(#"safepost_verdicts_total{verdict="allow"}"#, of: daemon)) ?? 0,
                      (try? metric(#"safepost_errors_total{kind="abandoned"}"#, of: daemon)) ?? 0)
            return counts.screened + counts.abandoned >= total && (try? metric("safepost_requests_in_flight", of: daemon)) == 1
        }
        return counts
    }

    @Test(arguments: ["text/plain", "application/json"])  // NIOHTTP1's path, and the fast path
    func pipelinedRequestsOfAClientThatHasGoneAreNotScreened(type: String) throws {
        let daemon = try DaemonProcess()
        let body = type == "text/plain" ? Self.draft : #"{"id":"p","text":"\#(Self.draft)"}"#
        let one = HTTPRequest(method: "POST", target: "/v1/check", headers: [("Content-Type", type)], body: Array(body.utf8)).bytes
        try sendAndLeave(daemon, Array([[UInt8]](repeating: one, count: 500).joined()))
        let (screened, abandoned) = try settle(daemon, total: 500)
        #expect(screened + abandoned == 500, "screened \(screened), abandoned \(abandoned)")
        // The daemon learns of the close from its first answer that cannot be written.
        #expect(screened < 100, "screened \(screened) drafts for a client that had gone")
        #expect(try metric(#"safepost_errors_total{kind="bad-request"}"#, of: daemon) == 0)
    }

    @Test func aBatchWhoseClientHasGoneStopsAndIsCountedOnce() throws {
        let daemon = try DaemonProcess()
        var lines = ""
        for index in 0..<3000 { lines += #"{"id":"l\#(index)","text":"\#(Self.draft)"}"# + "\n" }
        try sendAndLeave(daemon, HTTPRequest(method: "POST", target: "/v1/check/batch", body: Array(lines.utf8)).bytes)
        let (screened, abandoned) = try settle(daemon, total: 1)
        #expect(abandoned == 1)
        #expect(screened < 1000, "screened \(screened) lines for a client that had gone")
        #expect(try metric(#"safepost_requests_total{endpoint="/v1/check/batch",status="200"}"#, of: daemon) == 0)
    }

    /// A body its client stops sending and closes on is abandoned, not malformed; a body that stops
    /// until the idle timeout closes the connection is a timeout, not abandoned as well.
    @Test func aBodyCutShortIsAbandonedByItsClientOrTimedOutByTheDaemon() throws {
        let daemon = try DaemonProcess(arguments: ["--idle-timeout", "0.3"])
        let head = "POST /v1/mail HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\nContent-Length: 100\r\n\r\nFrom: a"
        try sendAndLeave(daemon, Array(head.utf8))
        #expect(try settle(daemon, total: 1).abandoned == 1)
        #expect(try metric(#"safepost_errors_total{kind="bad-request"}"#, of: daemon) == 0)

        let stalled = try UnixConnection(path: daemon.socketPath)
        try stalled.send(head)
        #expect(stalled.isClosedByPeer())
        #expect(SafepostdHeavyTests.waitUntil(timeout: 5) {
            (try? metric(#"safepost_errors_total{kind="timeout"}"#, of: daemon)) == 1
                && (try? metric("safepost_requests_in_flight", of: daemon)) == 1
        })
        #expect(try metric(#"safepost_errors_total{kind="abandoned"}"#, of: daemon) == 1)
    }
}
