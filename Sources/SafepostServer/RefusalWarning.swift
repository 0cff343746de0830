import Logging
import NIOCore
import Synchronization

/// Warns of connections refused at `max-connections`: once at the first, then at most once every
/// ten seconds with how many were refused since. A daemon that turns clients away must show it in
/// the log at the default level, without a line per refused connection.
final class RefusalWarning: Sendable {
    private struct State {
        var lastWarning: NIODeadline?
        var refusedSince = 0
    }

    private let state = Mutex(State())
    private let interval: TimeAmount

    init(interval: TimeAmount = .seconds(10)) {
        self.interval = interval
    }

    /// Records one refusal; logs a warning when the last one is `interval` old or there was none.
    func refused(limit: Int, logger: Logger, now: NIODeadline = .now()) {
        let count: Int? = state.withLock { state in
            state.refusedSince += 1
            if let last = state.lastWarning, now - last < interval { return nil }
            defer { state.lastWarning = now; state.refusedSince = 0 }
            return state.refusedSince
        }
        guard let count else { return }
        logger.warning("connections refused: at max-connections; raise max-connections or find the clients that hold connections open",
                       metadata: ["limit": "\(limit)", "refused": "\(count)"])
    }
}
