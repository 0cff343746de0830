import Logging
import NIOCore

/// Reloads the Rules folder for `SIGHUP` and `POST /v1/reload` alike: tells systemd
/// (`RELOADING=1` … `READY=1`), logs the outcome with every diagnostic's file:line, and counts it.
public final class Reloader: Sendable {
    let store: RuleSetStore
    let notifier: SystemdNotifier
    let logger: Logger
    let metrics: ServerMetrics

    init(store: RuleSetStore, notifier: SystemdNotifier, logger: Logger, metrics: ServerMetrics) {
        self.store = store
        self.notifier = notifier
        self.logger = logger
        self.metrics = metrics
    }

    /// Starts a reload; the future completes on `eventLoop` with the outcome (never fails unless
    /// the reload thread is already shut down).
    func reload(trigger: String, on eventLoop: any EventLoop) -> EventLoopFuture<RuleSetStore.ReloadOutcome> {
        notifier.reloading()
        logger.info("reloading the rules", metadata: ["trigger": "\(trigger)", "rules": "\(store.directory)"])
        return store.reload(on: eventLoop).map { [logger, metrics, notifier] outcome in
            switch outcome {
            case .reloaded(let snapshot, let warnings):
                metrics.reload(succeeded: true)
                for warning in warnings { logger.warning("\(warning.logLine)") }
                logger.info("rules reloaded", metadata: [
                    "version": "\(snapshot.ruleSet.version)", "rules": "\(snapshot.ruleSet.rules.count)",
                ])
            case .refused(let diagnostics):
                metrics.reload(succeeded: false)
                metrics.error("rules-invalid")
                for diagnostic in diagnostics { diagnostic.log(to: logger) }
                logger.error("reload refused: the Rules folder has errors (`safepost rules check` shows them in full); the previous rules keep serving", metadata: [
                    "errors": "\(diagnostics.filter { $0.level == .error }.count)",
                ])
            }
            notifier.ready(status: Reloader.status(of: self.store.current))
            return outcome
        }
    }

    /// The `STATUS=` line for systemd: what is serving.
    static func status(of snapshot: RuleSetStore.Snapshot) -> String {
        "serving rules \(snapshot.ruleSet.version): \(snapshot.ruleSet.rules.count) rules, \(snapshot.children) children"
    }
}
