import CoreMetrics
import Metrics
import Prometheus
import SafepostModel

/// The daemon's metrics, made once through swift-metrics (so any backend works) and served as
/// Prometheus text by `/metrics` when the backend is ``ServerMetrics/makeFactory(registry:)``.
///
/// Every labelled series the daemon can produce is created up front and kept in plain arrays, so
/// counting a request is an index and an atomic add, never a lookup under a lock. Create this
/// after `MetricsSystem.bootstrap`; metrics made before it stay no-ops.
public final class ServerMetrics: Sendable {
    /// The request latency histogram's name and its buckets, from 50 µs to 1 s.
    public static let latencyLabel = "safepost_request_duration_seconds"
    public static let latencyBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
    ]

    /// A Prometheus backend for swift-metrics that writes into `registry`, with the latency buckets set.
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[latencyLabel] = latencyBuckets
        return factory
    }

    /// Makes swift-metrics report to a new Prometheus registry and returns the registry, for the
    /// daemon's `/metrics`. Call once per process, before creating a ``Daemon``.
    public static func bootstrapPrometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(makeFactory(registry: registry))
        return registry
    }

    /// The HTTP statuses the daemon answers with; anything else is counted as "other".
    static let statuses = [200, 400, 403, 404, 405, 408, 411, 413, 415, 422, 500, 503]
    /// Error kinds: the wire error codes plus the daemon's own.
    static let errorKinds = [
        "invalid-json", "missing-field", "invalid-field", "invalid-utf8", "too-large", "forbidden", "not-found",
        "method-not-allowed", "unsupported-media-type", "length-required", "rules-invalid", "scan-failed",
        "concern-log-failed", "shutting-down", "bad-request", "timeout", "connection-refused", "abandoned", "other",
    ]

    private let requests: [[CoreMetrics.Counter]]  // [endpoint][status index]
    private let verdicts: [CoreMetrics.Counter]  // allow, review, block
    private let findings: [CoreMetrics.Counter]  // Category.allCases order
    private let reloads: [CoreMetrics.Counter]  // success, failure
    /// 1 while the rules serving are the folder's latest (start-up or the latest reload loaded
    /// it), 0 after a refused reload: what an alert needs, which the counters alone cannot say.
    private let lastReloadSuccessful: CoreMetrics.Gauge
    private let errors: [CoreMetrics.Counter]
    private let latency: [Metrics.Timer]  // per endpoint
    private let inFlight: Meter
    private let connections: Meter

    public init() {
        requests = Endpoint.allCases.map { endpoint in
            (Self.statuses.map(String.init) + ["other"]).map {
                CoreMetrics.Counter(label: "safepost_requests_total", dimensions: [("endpoint", endpoint.rawValue), ("status", $0)])
            }
        }
        verdicts = [Verdict.allow, .review, .block].map {
            CoreMetrics.Counter(label: "safepost_verdicts_total", dimensions: [("verdict", $0.rawValue)])
        }
        findings = Category.allCases.map {
            CoreMetrics.Counter(label: "safepost_findings_total", dimensions: [("category", $0.rawValue)])
        }
        reloads = ["success", "failure"].map { CoreMetrics.Counter(label: "safepost_reloads_total", dimensions: [("outcome", $0)]) }
        lastReloadSuccessful = CoreMetrics.Gauge(label: "safepost_rules_last_reload_successful")
        lastReloadSuccessful.record(1)
        errors = Self.errorKinds.map { CoreMetrics.Counter(label: "safepost_errors_total", dimensions: [("kind", $0)]) }
        latency = Endpoint.allCases.map {
            Metrics.Timer(label: Self.latencyLabel, dimensions: [("endpoint", $0.rawValue)])
        }
        inFlight = Meter(label: "safepost_requests_in_flight")
        connections = Meter(label: "safepost_connections_open")
    }

    func request(_ endpoint: Endpoint, status: Int, nanoseconds: Int64) {
        let column = Self.statuses.firstIndex(of: status) ?? Self.statuses.count
        requests[endpoint.index][column].increment()
        latency[endpoint.index].recordNanoseconds(nanoseconds)
    }

    func verdict(_ result: ScreeningResult) {
        switch result.verdict {
        case .allow: verdicts[0].increment()
        case .review: verdicts[1].increment()
        case .block: verdicts[2].increment()
        }
        for finding in result.findings {
            findings[Category.allCases.firstIndex(of: finding.category)!].increment()
        }
    }

    func reload(succeeded: Bool) {
        reloads[succeeded ? 0 : 1].increment()
        lastReloadSuccessful.record(succeeded ? 1 : 0)
    }

    func error(_ kind: String) {
        errors[Self.errorKinds.firstIndex(of: kind) ?? Self.errorKinds.count - 1].increment()
    }

    func requestStarted() { inFlight.increment() }
    func requestFinished() { inFlight.decrement() }
    func connectionOpened() { connections.increment() }
    func connectionClosed() { connections.decrement() }
}
