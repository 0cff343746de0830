import Logging
import NIOCore
import Prometheus

/// What every connection shares. Immutable references to thread-safe parts, so one instance
/// serves all event loops.
final class ServerContext: Sendable {
    let maxBody: Int
    /// The largest raw message `POST /v1/mail` takes: 10 MiB (above Postfix's default
    /// `message_size_limit`, 10,240,000 bytes), or `maxBody` if that is larger. The text read from
    /// the message is still bounded by `maxBody`.
    let maxMail: Int
    let store: RuleSetStore
    let concerns: ConcernLog
    let metrics: ServerMetrics
    /// The Prometheus registry `/metrics` renders (the swift-metrics backend writes into it).
    let registry: PrometheusCollectorRegistry
    let reloader: Reloader
    /// The draft scanners of each event loop.
    let scanners: LoopScanners
    let logger: Logger
    /// When the daemon started serving, for `uptime_seconds`.
    let started: NIODeadline
    /// Whether per-request debug lines are logged (so their details are worth building).
    let debugLogging: Bool

    init(
        maxBody: Int, store: RuleSetStore, concerns: ConcernLog, metrics: ServerMetrics,
        registry: PrometheusCollectorRegistry, reloader: Reloader, scanners: LoopScanners, logger: Logger
    ) {
        self.maxBody = maxBody
        maxMail = max(maxBody, 10 << 20)
        self.store = store
        self.concerns = concerns
        self.metrics = metrics
        self.registry = registry
        self.reloader = reloader
        self.scanners = scanners
        self.logger = logger
        debugLogging = logger.logLevel <= .debug
        started = .now()
    }
}
