#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafepostWire

/// Why a call to safepostd did not produce an answer.
///
/// Tools map every case to a failure of their own, never to a verdict: `safepost check --socket`
/// exits 2; a mail filter should answer `EX_TEMPFAIL` (75) so the message is queued and retried;
/// a chat bridge holds the message. None of these errors means "allowed".
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The socket could not be reached: no daemon, a stale socket file, no permission, a path longer
    /// than a Unix socket address can hold (`ENAMETOOLONG`), or no descriptor left. `errno` is the
    /// system's error number.
    case connect(path: String, errno: Int32)
    /// The exchange (connecting, sending and receiving together) did not finish within the timeout.
    case timeout
    /// The daemon broke HTTP/1.1 or the wire contract: it closed the connection early, sent a
    /// malformed status line, headers or body, or a body that is not the JSON it must be.
    case protocolViolation(String)
    /// The daemon refused the request with an error status and its JSON error body
    /// (`{"error":{"code","message"}}`), e.g. 400 `invalid-json`, 413 `too-large`, 500 `scan-failed`.
    case server(status: Int, WireError)

    /// One sentence for a person, naming what failed and, where it helps, what to look at.
    public var description: String {
        switch self {
        case let .connect(path, code):
            let hint: String
            switch code {
            case ENOENT: hint = "there is no socket there (is safepostd running?)"
            case ECONNREFUSED: hint = "connection refused (safepostd is not running, or the socket file is stale)"
            case EACCES, EPERM: hint = "permission denied (is this user in the socket's group?)"
            case ENAMETOOLONG: hint = "the path is too long for a Unix socket address (at most 107 bytes)"
            case ENOTDIR: hint = "a part of the path is not a directory"
            default: hint = String(cString: strerror(code))
            }
            return "cannot reach safepostd at \(path): \(hint)"
        case .timeout:
            return "safepostd did not answer in time"
        case let .protocolViolation(what):
            return "unexpected answer from safepostd: \(what)"
        case let .server(status, error):
            return "safepostd refused the request (HTTP \(status), \(error.code)): \(error.message)"
        }
    }

    /// True when trying again later may succeed: the daemon was unreachable, slow, misbehaving, or
    /// answered with a 5xx status. False for 4xx answers, which say the request itself is wrong.
    public var isTemporary: Bool {
        switch self {
        case .connect, .timeout, .protocolViolation: true
        case let .server(status, _): status >= 500
        }
    }
}
