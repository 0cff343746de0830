import SafepostClient
import SafepostModel
import SafepostScanning
import SafepostWire

/// Why a decoded request got no verdict.
enum ScreeningFailure: Error {
    /// The in-process matching engine failed (the message is the `ScanError`'s description).
    case scanning(String)
    /// The daemon answered this request with an error (413 too-large, 500 scan-failed, …).
    case refused(WireError)
    /// The daemon could not be asked at all, or broke the protocol: nothing further can be screened.
    case unreachable(ClientError)
}

/// Screens one decoded request, in this process or through safepostd. `safepost check` decodes and
/// validates its input the same way either way, so errors about the input read the same; only the
/// screening itself moves.
protocol Screener {
    func screen(_ request: ScreeningRequest, now: Timestamp) throws(ScreeningFailure) -> ScreeningResult
}

/// Screens with a scanner built from a Rules folder.
struct LocalScreener: Screener {
    let scanner: DraftScanner

    func screen(_ request: ScreeningRequest, now: Timestamp) throws(ScreeningFailure) -> ScreeningResult {
        do {
            return try scanner.screen(request, now: now)
        } catch {
            throw .scanning("\(error)")
        }
    }
}

/// Screens through safepostd with `POST /v1/check`, over one keep-alive connection opened at the
/// first request (the daemon uses its own clock and its own rules).
final class DaemonScreener: Screener {
    let client: SafepostClient
    private var session: SafepostSession?

    init(client: SafepostClient) {
        self.client = client
    }

    func screen(_ request: ScreeningRequest, now: Timestamp) throws(ScreeningFailure) -> ScreeningResult {
        do {
            if session == nil { session = try client.session() }
            return try session!.check(request)
        } catch {
            if case .server(_, let wire) = error {
                var refused = wire
                if refused.id == nil { refused.id = request.id }
                throw .refused(refused)
            }
            throw .unreachable(error)
        }
    }
}

/// The JSON error object for a draft whose scan failed, the same in `--json` and (located by
/// `line N: `) in `--jsonl`, so a caller that parses standard output always gets an answer.
enum ScanFailure {
    static func wireError(_ message: String, id: String, line: Int? = nil) -> WireError {
        WireError(code: "scan-failed", message: (line.map { "line \($0): " } ?? "") + message, id: id)
    }
}
