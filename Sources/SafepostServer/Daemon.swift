import Logging
import NIOCore
import NIOPosix
import Prometheus
import ServiceLifecycle
import UnixSignals

/// safepostd as a swift-service-lifecycle `Service`: run it in a `ServiceGroup` whose graceful
/// shutdown signals are `SIGTERM` and `SIGINT`.
///
/// Everything that can fail at start-up happens in ``init(configuration:logger:registry:)``, on the
/// calling thread, before any event loop starts: the Rules are compiled, the record of concern is
/// checked, and the socket is bound (or adopted from systemd). A failure there is a ``DaemonError``
/// and the process exits 1. ``run()`` then serves until graceful shutdown; `SIGHUP` reloads.
///
/// Shutdown order: `STOPPING=1`, stop accepting, let requests in flight finish (at most
/// ``drainDeadline``, then the rest are closed), remove the socket file this process created,
/// stop the event loops and threads.
public final class Daemon: Service {
    /// How long requests in flight may take to finish at shutdown.
    public static let drainDeadline = TimeAmount.seconds(30)

    public let configuration: DaemonConfiguration
    public let socket: ListeningSocket
    public let store: RuleSetStore
    private let logger: Logger
    private let registry: PrometheusCollectorRegistry
    private let notifier: SystemdNotifier
    private let metrics: ServerMetrics
    private let concerns: ConcernLog
    private let reloadPool: NIOThreadPool
    private let concernPool: NIOThreadPool

    /// Prepares the daemon. Call after `MetricsSystem.bootstrap` (see ``ServerMetrics``).
    /// `registry` is what `/metrics` renders.
    public init(configuration: DaemonConfiguration, logger: Logger, registry: PrometheusCollectorRegistry) throws(DaemonError) {
        self.configuration = configuration
        self.logger = logger
        self.registry = registry
        notifier = SystemdNotifier()
        metrics = ServerMetrics()
        reloadPool = NIOThreadPool(numberOfThreads: 1)
        concernPool = NIOThreadPool(numberOfThreads: 1)
        do {
            store = try RuleSetStore(directory: configuration.rules, pool: reloadPool)
        } catch {
            for diagnostic in error.diagnostics { diagnostic.log(to: logger) }
            throw DaemonError("the Rules folder \(configuration.rules) has errors; not starting")
        }
        for warning in store.initialWarnings { logger.warning("\(warning.logLine)") }
        concerns = ConcernLog(path: configuration.concerns, pool: concernPool)
        if let note = try concerns.prepare() { logger.notice("\(note)") }
        if let inherited = SocketBinding.inherited() {
            socket = inherited
        } else {
            for warning in configuration.warnings { logger.warning("\(warning)") }
            socket = try SocketBinding.bind(
                path: configuration.socket, mode: configuration.socketMode, group: configuration.socketGroupID)
        }
        reloadPool.start()
        concernPool.start()
    }

    public func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreads)
        let reloader = Reloader(store: store, notifier: notifier, logger: logger, metrics: metrics)
        let context = ServerContext(
            maxBody: configuration.maxBody, store: store, concerns: concerns, metrics: metrics,
            registry: registry, reloader: reloader, scanners: LoopScanners(group: group), logger: logger)
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let server: HTTPServer
        do {
            server = try await HTTPServer.start(
                socket: socket, group: group, server: context, maxConnections: configuration.maxConnections,
                headerTimeout: .nanoseconds(Int64(configuration.headerTimeout * 1e9)),
                idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1e9)))
        } catch {
            SocketBinding.removeFile(of: socket)
            try? await group.shutdownGracefully()
            throw DaemonError("cannot serve on \(socket.origin): \(error)")
        }
        let snapshot = store.current
        logger.info("serving", metadata: [
            "socket": "\(socket.origin)", "rules": "\(store.directory)", "version": "\(snapshot.ruleSet.version)",
            "rule_count": "\(snapshot.ruleSet.rules.count)", "children": "\(snapshot.children)",
            "staff": "\(snapshot.staff)", "carers": "\(snapshot.carers)",
            "markers": "\(snapshot.ruleSet.markers.count)", "threads": "\(configuration.eventLoopThreads)",
            "concerns": "\(concerns.path)",
        ])
        notifier.ready(status: Reloader.status(of: snapshot))

        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await _ in hangups {
                    _ = try? await reloader.reload(trigger: "SIGHUP", on: group.next()).get()
                }
            }
            try? await gracefulShutdown()
            tasks.cancelAll()
        }

        notifier.stopping()
        logger.info("shutting down: finishing requests in flight", metadata: ["connections": "\(server.tracker.count)"])
        await server.drain(within: Self.drainDeadline)
        SocketBinding.removeFile(of: socket)
        try? await group.shutdownGracefully()
        try? await reloadPool.shutdownGracefully()
        try? await concernPool.shutdownGracefully()
        withExtendedLifetime(hangups) {}
        logger.info("stopped")
    }
}
