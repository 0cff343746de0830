import Foundation
import SafepostRules

/// What `safepostd --check-config` prints: the settings in force and whether the Rules load.
public struct ConfigurationReport: Sendable {
    /// Lines for standard output: a summary of every setting and of the rule set.
    public var summary: [String] = []
    /// Diagnostics (warnings and errors) for standard error, `file:line: level: message`.
    public var diagnostics: [String] = []
    /// True when the daemon would start with these settings and Rules.
    public var ok = true

    /// Checks `settings` (read from `file`) as start-up would: the socket path
    /// (``SocketBinding/check(path:)``: ignored under socket activation, but a path start-up could
    /// not bind is still a mistake to report), the socket mode's warning, the record of concern's
    /// directory (created when missing, as start-up does, and checked writable), and the Rules
    /// folder, loaded.
    public init(_ settings: DaemonConfiguration, file: String) {
        let exists = FileManager.default.fileExists(atPath: file)
        summary.append("configuration: \(file)\(exists ? "" : " (not present: built-in defaults)")")
        let group = settings.socketGroup.map { ", group \($0)" } ?? ""
        summary.append("socket: \(settings.socket) (mode 0\(String(settings.socketMode, radix: 8))\(group); systemd's socket when activated)")
        do {
            try SocketBinding.check(path: settings.socket)
        } catch {
            diagnostics.append("\(settings.socket): error: \(error.message)")
            ok = false
        }
        do {
            try ConcernDirectory.prepare(for: settings.concerns)
            try ConcernDirectory.checkWritable(settings.concerns)
            summary.append("concerns: \(settings.concerns) (writable)")
        } catch {
            summary.append("concerns: \(settings.concerns): not usable")
            diagnostics.append("\(settings.concerns): error: \(error.message)")
            ok = false
        }
        summary.append("limits: max-body \(settings.maxBody) bytes, max-connections \(settings.maxConnections), header-timeout \(secondsText(settings.headerTimeout)) s, idle-timeout \(secondsText(settings.idleTimeout)) s")
        summary.append("threads: \(settings.eventLoopThreads)\(settings.threads == 0 ? " (one per core)" : ""); log-level \(settings.logLevel.rawValue)")
        diagnostics += settings.warnings.map(\.description)
        do {
            let loaded = try RulesLoader.load(directory: settings.rules, now: .current)
            diagnostics += loaded.warnings.map(\.description)
            let rules = loaded.ruleSet
            summary.append("rules: \(settings.rules): ok — \(rules.rules.count) rules, \(rules.roster.childCount) children, \(rules.roster.staffCount) staff, \(rules.roster.carerCount) carers, \(rules.markers.count) markers; version \(rules.version)")
        } catch {
            diagnostics += error.diagnostics.map(\.description)
            summary.append("rules: \(settings.rules): \(error.diagnostics.filter { $0.level == .error }.count) errors")
            ok = false
        }
    }
}
