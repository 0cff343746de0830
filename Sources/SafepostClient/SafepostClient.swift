import SafepostModel
import SafepostWire

/// Talks to safepostd over its Unix socket: a small, blocking HTTP/1.1 client with no Foundation and
/// no event loop, so a tool that starts once per message (a mail filter, a git hook) starts fast.
///
/// Each call opens a connection, sends one request (`Connection: close`), reads the whole answer and
/// closes; one deadline (`timeout`) bounds connecting, sending and receiving together. For many
/// requests in a row, `session()` keeps one connection open instead. A `SafepostClient` is a plain
/// value and may be used from any thread; every call is independent.
///
/// Failures are `ClientError`s and are never a verdict: a tool must treat them as "not checked"
/// (`safepost check --socket` exits 2; a mail filter answers `EX_TEMPFAIL`, 75, so the message is
/// retried; a chat bridge holds the message).
///
/// ```swift
/// let client = SafepostClient(socketPath: "/run/safepost/safepost.sock")
/// let result = try client.check(ScreeningRequest(id: "m1", text: draft))
/// if result.verdict != .allow { … }
/// ```
public struct SafepostClient: Sendable {
    /// Where safepostd listens unless configured otherwise.
    public static let defaultSocketPath = "/run/safepost/safepost.sock"

    /// The daemon's socket.
    public var socketPath: String
    /// The limit on one whole call: connecting, sending the request and receiving the answer.
    public var timeout: Duration
    /// The largest response body accepted (a batch answer can be large); more is a protocol violation.
    public var maxResponseBytes = 256 << 20

    public init(socketPath: String, timeout: Duration = .seconds(10)) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// Screens one request with `POST /v1/check`.
    ///
    /// Throws `.server` with the daemon's decoded error for any status but 200 (for example 413
    /// `too-large` or 500 `concern-log-failed`), and `.protocolViolation` when a 200 body is not a
    /// screening result for this request's id.
    public func check(_ request: ScreeningRequest) throws(ClientError) -> ScreeningResult {
        var body: [UInt8] = []
        ResponseEncoder.encode(request, into: &body)
        let response = try send(method: "POST", path: "/v1/check", contentType: "application/json", body: body)
        return try Self.result(of: response, for: request.id)
    }

    /// Sends a JSON body as it is to `POST /v1/check` and returns the status and body as they come,
    /// whatever the status: for tools that pass JSON through (`safepost check --json`, bridges).
    public func checkRaw(json body: [UInt8]) throws(ClientError) -> (status: Int, body: [UInt8]) {
        let response = try send(method: "POST", path: "/v1/check", contentType: "application/json", body: body)
        return (response.status, response.body)
    }

    /// `GET /v1/health`: the daemon's JSON status body (`{"status":"ready","version":…}`).
    public func health() throws(ClientError) -> [UInt8] {
        let response = try send(method: "GET", path: "/v1/health")
        guard response.status == 200 else { throw Self.serverError(response) }
        return response.body
    }

    /// Sends any request and returns the complete response, whatever its status. `body` nil sends no
    /// body and no `Content-Length` (a GET); an empty array sends `Content-Length: 0`.
    public func send(
        method: String, path: String, contentType: String? = nil, body: [UInt8]? = nil
    ) throws(ClientError) -> HTTPResponse {
        try HTTPExchange.validate(method: method, path: path, contentType: contentType)
        let deadline = Deadline.now.advanced(by: timeout)
        let connection = try UnixConnection.open(path: socketPath, deadline: deadline)
        return try Self.exchange(
            connection, method: method, path: path, contentType: contentType, body: body,
            close: true, deadline: deadline, maxBody: maxResponseBytes
        ).response
    }

    /// Opens a keep-alive connection for many requests in a row (see `SafepostSession`).
    public func session() throws(ClientError) -> SafepostSession {
        try SafepostSession(client: self)
    }

    // MARK: Shared with SafepostSession

    static func exchange(
        _ connection: UnixConnection, method: String, path: String, contentType: String?, body: [UInt8]?,
        close: Bool, deadline: Deadline, maxBody: Int
    ) throws(ClientError) -> (response: HTTPResponse, reusable: Bool) {
        var request = HTTPExchange.head(method: method, path: path, contentType: contentType, contentLength: body?.count, close: close)
        if let body { request += body }
        _ = try connection.write(request, deadline: deadline)
        // An early answer (say a 413 before the body was taken) is read like any other.
        let (response, reusable) = try HTTPExchange.readResponse(connection, method: method, deadline: deadline, maxBody: maxBody)
        return (response, reusable && !close)
    }

    /// The screening result in a `/v1/check` response, or the error it carries.
    static func result(of response: HTTPResponse, for id: String) throws(ClientError) -> ScreeningResult {
        guard response.status == 200 else { throw serverError(response) }
        let result: ScreeningResult
        do {
            result = try ResponseDecoder.decodeResult(response.body)
        } catch {
            throw .protocolViolation("the answer to /v1/check is not a screening result: \(error.message)")
        }
        guard result.id == id else {
            throw .protocolViolation("the answer is for id \(result.id.debugDescription), not \(id.debugDescription)")
        }
        return result
    }

    /// `.server` with the decoded JSON error body of a non-200 response, or `.protocolViolation`
    /// when that body is not the contract's error JSON.
    static func serverError(_ response: HTTPResponse) -> ClientError {
        if case .error(let error, _)? = try? ResponseDecoder.decode(response.body) {
            return .server(status: response.status, error)
        }
        let reason = response.reason.isEmpty ? "" : " \(response.reason)"
        let excerpt = String(decoding: response.body.prefix(120), as: UTF8.self)
        return .protocolViolation("HTTP \(response.status)\(reason) without a JSON error body\(excerpt.isEmpty ? "" : ": \(excerpt.debugDescription)")")
    }
}

/// One keep-alive connection to safepostd for many requests in a row (a batch, a busy bridge).
///
/// Requests go one at a time; each has its own deadline of the client's `timeout`. When the daemon
/// has closed the idle connection (its idle timeout), the next call reconnects before sending.
/// Not for use from several threads at once; open one session per thread.
public final class SafepostSession {
    public let client: SafepostClient
    private var connection: UnixConnection?

    init(client: SafepostClient) throws(ClientError) {
        self.client = client
        connection = try UnixConnection.open(path: client.socketPath, deadline: Deadline.now.advanced(by: client.timeout))
    }

    /// `SafepostClient.check` on this connection.
    public func check(_ request: ScreeningRequest) throws(ClientError) -> ScreeningResult {
        var body: [UInt8] = []
        ResponseEncoder.encode(request, into: &body)
        let response = try send(method: "POST", path: "/v1/check", contentType: "application/json", body: body)
        return try SafepostClient.result(of: response, for: request.id)
    }

    /// `SafepostClient.checkRaw` on this connection.
    public func checkRaw(json body: [UInt8]) throws(ClientError) -> (status: Int, body: [UInt8]) {
        let response = try send(method: "POST", path: "/v1/check", contentType: "application/json", body: body)
        return (response.status, response.body)
    }

    /// `SafepostClient.send` on this connection.
    public func send(
        method: String, path: String, contentType: String? = nil, body: [UInt8]? = nil
    ) throws(ClientError) -> HTTPResponse {
        try HTTPExchange.validate(method: method, path: path, contentType: contentType)
        let deadline = Deadline.now.advanced(by: client.timeout)
        if let current = connection, current.isStale() { connection = nil }
        let reused = connection != nil
        let current: UnixConnection
        if let connection { current = connection } else { current = try UnixConnection.open(path: client.socketPath, deadline: deadline) }
        connection = nil
        let before = current.received
        let outcome: (response: HTTPResponse, reusable: Bool)
        do {
            outcome = try SafepostClient.exchange(
                current, method: method, path: path, contentType: contentType, body: body,
                close: false, deadline: deadline, maxBody: client.maxResponseBytes)
        } catch .protocolViolation(_) where reused && current.received == before && current.atEOF {
            // The daemon closed the idle connection as the request went out, without reading it: once more
            // on a fresh connection.
            let fresh = try UnixConnection.open(path: client.socketPath, deadline: deadline)
            outcome = try SafepostClient.exchange(
                fresh, method: method, path: path, contentType: contentType, body: body,
                close: false, deadline: deadline, maxBody: client.maxResponseBytes)
            if outcome.reusable { connection = fresh }
            return outcome.response
        }
        if outcome.reusable { connection = current }
        return outcome.response
    }

    /// Closes the connection now (it is also closed when the session is released).
    public func close() {
        connection = nil
    }
}
