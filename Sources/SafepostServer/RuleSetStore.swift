import Foundation
import NIOCore
import NIOPosix
import SafepostModel
import SafepostRules
import SafepostScanning
import Synchronization

/// The rule set the daemon currently serves, and the only place that replaces it.
///
/// Readers take `current` (a lock held for one pointer copy) once per request and keep that
/// `RuleSet` until the request is done, so a reload never changes the rules under a request in
/// flight. A reload compiles the Rules folder on `pool` (never on an event loop: it reads files and
/// compiles patterns for a few hundred milliseconds), then swaps the pointer. The pool has one
/// thread, so reloads run one at a time in the order they were asked for. A failed reload leaves
/// the current rule set in place and returns the diagnostics.
public final class RuleSetStore: Sendable {
    /// A rule set with the facts `/v1/health` reports, computed once per load.
    public struct Snapshot: Sendable {
        public let ruleSet: RuleSet
        public let children: Int
        public let staff: Int
        public let carers: Int
        /// When this rule set started serving.
        public let loadedAt: Date

        init(_ ruleSet: RuleSet) {
            self.ruleSet = ruleSet
            children = ruleSet.roster.childCount
            staff = ruleSet.roster.staffCount
            carers = ruleSet.roster.carerCount
            loadedAt = Date()
        }
    }

    /// What a reload did.
    public enum ReloadOutcome: Sendable {
        /// The new rule set serves; `warnings` are the loader's non-fatal diagnostics.
        case reloaded(Snapshot, warnings: [Diagnostic])
        /// The folder is broken; the old rule set keeps serving.
        case refused(diagnostics: [Diagnostic])
    }

    /// How the latest reload ended, for `/v1/health`: a refused reload leaves the old rules serving,
    /// and whoever watches the daemon must still be able to see that the folder on disk is broken.
    public struct ReloadRecord: Sendable, Equatable {
        public let succeeded: Bool
        /// Errors in the folder (0 after a success).
        public let errors: Int
        public let at: Timestamp
    }

    public let directory: String
    private let state: Mutex<Snapshot>
    private let lastReloadState = Mutex<ReloadRecord?>(nil)
    private let pool: NIOThreadPool

    /// Loads `directory` now (on the calling thread) and serves the result.
    public init(directory: String, pool: NIOThreadPool) throws(RulesError) {
        let loaded = try RulesLoader.load(directory: directory, now: .current)
        self.directory = directory
        self.pool = pool
        self.initialWarnings = loaded.warnings
        state = Mutex(Snapshot(loaded.ruleSet))
    }

    /// The loader's warnings for the rule set loaded at start-up.
    public let initialWarnings: [Diagnostic]

    /// The rule set serving now.
    public var current: Snapshot { state.withLock { $0 } }

    /// How the latest reload ended; nil before the first.
    public var lastReload: ReloadRecord? { lastReloadState.withLock { $0 } }

    /// Recompiles the folder on the reload thread and swaps it in when it loads cleanly.
    /// The future completes on `eventLoop`.
    public func reload(on eventLoop: any EventLoop) -> EventLoopFuture<ReloadOutcome> {
        pool.runIfActive(eventLoop: eventLoop) { self.reloadNow() }
    }

    /// Loads and swaps on the calling thread (blocking).
    func reloadNow() -> ReloadOutcome {
        do {
            let loaded = try RulesLoader.load(directory: directory, now: .current)
            let snapshot = Snapshot(loaded.ruleSet)
            state.withLock { $0 = snapshot }
            lastReloadState.withLock { $0 = ReloadRecord(succeeded: true, errors: 0, at: .current) }
            return .reloaded(snapshot, warnings: loaded.warnings)
        } catch {
            let errors = error.diagnostics.filter { $0.level == .error }.count
            lastReloadState.withLock { $0 = ReloadRecord(succeeded: false, errors: errors, at: .current) }
            return .refused(diagnostics: error.diagnostics)
        }
    }
}
