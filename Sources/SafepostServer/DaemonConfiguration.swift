import Foundation
import Logging

/// The daemon's settings: built-in defaults, then the `key = value` file, then command-line flags.
///
/// Every setting is set through ``set(_:_:)`` from its text, whichever source it came from, so a
/// value is validated the same way in the file and on the command line; only the place named in an
/// error differs (`file:line` or `--flag`). The keys are the long flag names (docs/daemon.md).
public struct DaemonConfiguration: Sendable, Equatable {
    /// The configuration file read when `--config` is not given; a missing default file is fine.
    public static let defaultFile = "/etc/safepost/safepostd.conf"

    /// Every key the file and the flags accept, in the order docs/daemon.md lists them.
    public static let keys = [
        "socket", "socket-mode", "socket-group", "rules", "concerns", "max-body", "max-connections",
        "header-timeout", "idle-timeout", "threads", "log-level",
    ]

    public var socket = "/run/safepost/safepost.sock"
    /// Permission bits of a socket the daemon binds itself.
    public var socketMode: UInt16 = 0o660
    /// The group of that socket, as written (a name or a number); resolved by ``socketGroupID``.
    public var socketGroup: String?
    /// The group id `socketGroup` names, resolved when it was set.
    public var socketGroupID: UInt32?
    public var rules = "/etc/safepost/rules"
    public var concerns = "/var/lib/safepost/concerns.jsonl"
    /// Largest `/v1/check` body, and largest line of a batch, in bytes (at most ``maximumBody``).
    public var maxBody = 1 << 20
    /// Open connections at most (at most ``maximumConnections``).
    public var maxConnections = 512
    /// Seconds to receive a request head once its first byte has arrived.
    public var headerTimeout: Double = 10
    /// Seconds a connection may stay silent between requests (or in the middle of one).
    public var idleTimeout: Double = 60
    /// Event-loop threads; 0 means one per core.
    public var threads = 0
    public var logLevel: Logger.Level = .info
    /// Where `socket-mode` was last set (`file:line` or `--socket-mode`), for its warning.
    public var socketModePlace = "socket-mode"

    public init() {}

    /// Settings that work but are unsafe: logged at start-up and shown by `--check-config`.
    public var warnings: [ConfigurationError] {
        guard socketMode & 0o002 != 0 else { return [] }
        let mode = "0" + String(socketMode, radix: 8)
        return [ConfigurationError(
            place: socketModePlace, level: "warning",
            message: "socket-mode \(mode) lets every local user write to the socket, and so screen drafts and read children's names in the answers; use 0660 with socket-group")]
    }

    /// Event-loop threads to start: `threads`, or one per core when it is 0.
    public var eventLoopThreads: Int { threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount }

    /// Sets `key` from its text. Throws a message (without the place) when the key is unknown or the
    /// value is out of range.
    public mutating func set(_ key: String, _ value: String) throws(ConfigurationError.Problem) {
        switch key {
        case "socket":
            guard !value.isEmpty else { throw .init("must not be empty") }
            guard value.utf8.count <= 107 else { throw .init("is \(value.utf8.count) bytes; a Unix socket path has at most 107") }
            socket = value
        case "socket-mode":
            guard let mode = UInt16(value, radix: 8), mode <= 0o777 else {
                throw .init("must be octal permission bits such as 0660, not \(quote(value))")
            }
            socketMode = mode
        case "socket-group":
            guard !value.isEmpty else { socketGroup = nil; socketGroupID = nil; return }
            guard let gid = GroupLookup.id(of: value) else { throw .init("no such group: \(quote(value))") }
            socketGroup = value
            socketGroupID = gid
        case "rules":
            guard !value.isEmpty else { throw .init("must not be empty") }
            rules = value
        case "concerns":
            guard !value.isEmpty else { throw .init("must not be empty") }
            concerns = value
        case "max-body": maxBody = try integer(value, atLeast: 1, atMost: Self.maximumBody)
        case "max-connections": maxConnections = try integer(value, atLeast: 1, atMost: Self.maximumConnections)
        case "threads": threads = try integer(value, atLeast: 0, atMost: 1024)
        case "header-timeout": headerTimeout = try seconds(value)
        case "idle-timeout": idleTimeout = try seconds(value)
        case "log-level":
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw .init("must be one of \(names), not \(quote(value))")
            }
            logLevel = level
        default:
            throw .init("unknown setting \(quote(key)) (known: \(Self.keys.joined(separator: ", ")))")
        }
    }

    private func integer(_ text: String, atLeast low: Int, atMost high: Int = Int.max) throws(ConfigurationError.Problem) -> Int {
        guard let value = Int(text), value >= low, value <= high else {
            throw .init(high == Int.max ? "must be a whole number of at least \(low), not \(quote(text))"
                                        : "must be a whole number from \(low) to \(high), not \(quote(text))")
        }
        return value
    }

    /// The largest `max-body`, 1 GiB: a body (and a mail's, up to `max(max-body, 10 MiB)`) is held
    /// whole in memory, and NIO's buffers stop at 4 GiB, so a larger value is a typo that would let
    /// one client make the daemon allocate without bound (or trap).
    public static let maximumBody = 1 << 30

    /// The largest `max-connections`: each connection holds a descriptor (safepostd.service
    /// allows 65536) and buffers of its own; far more than local clients need.
    public static let maximumConnections = 65_536

    /// The shortest timeout accepted: below it a timer fires before a client on the same host can
    /// write a request head, so every connection would be closed (a typo such as `1e-9`, not a choice).
    public static let minimumTimeout = 0.01

    private func seconds(_ text: String) throws(ConfigurationError.Problem) -> Double {
        guard let value = Double(text), value.isFinite, value >= Self.minimumTimeout, value <= 86_400 else {
            throw .init("must be a number of seconds from \(secondsText(Self.minimumTimeout)) (the minimum) to 86400, not \(quote(text))")
        }
        return value
    }
}

/// A setting that could not be used, located by `file:line` or by `--flag`.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with a value, before it is known where the value came from.
    public struct Problem: Error, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// `path:line` for the file, `--key` for a flag, or the path alone for an unreadable file.
    public var place: String
    /// `error`, or `warning` for a setting that works but is unsafe (``DaemonConfiguration/warnings``).
    public var level: String
    public var message: String

    public init(place: String, level: String = "error", message: String) {
        self.place = place
        self.level = level
        self.message = message
    }

    /// `place: level: message`, the same shape as a Rules diagnostic.
    public var description: String { "\(place): \(level): \(message)" }
}

/// Resolves a group written as a name or a number.
enum GroupLookup {
    static func id(of group: String) -> UInt32? {
        if let number = UInt32(group) { return number }
        var entry = group_()
        var result: UnsafeMutablePointer<group_>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getgrnam_r(group, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil else { return nil }
        return entry.gr_gid
    }
}

/// `group` is both a C struct and a function; this names the struct.
typealias group_ = group

func quote(_ text: String) -> String { "\"\(text)\"" }

/// Seconds for a message: `10`, `0.5`.
func secondsText(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
