import Foundation
import NIOCore
import NIOPosix
import SafepostModel
import SafepostWire

/// The record of concern: one JSON line per screened draft with a `safeguarding` finding.
///
/// Each append opens the file (`O_WRONLY|O_APPEND|O_CREAT|O_CLOEXEC`, mode 0600), writes the whole
/// line, `fsync`s and closes, before the caller may answer: a concern is durable before its verdict
/// is given. Opening per append (concerns are rare) means a file moved away by an administrator is
/// recreated rather than written into a detached inode. The blocking work runs on `pool`, never on
/// an event loop; the pool has one thread, so appends are serialised in the order they arrive.
/// The line carries only the redacted draft, never its raw text.
public final class ConcernLog: Sendable {
    public let path: String
    private let pool: NIOThreadPool

    public init(path: String, pool: NIOThreadPool) {
        self.path = path
        self.pool = pool
    }

    /// Checks at start-up that the record can be written: creates its directory (0700) and the
    /// file (0600) when missing, and narrows a file readable by others to 0600. Returns a note for
    /// the log when it changed the mode.
    public func prepare() throws(DaemonError) -> String? {
        try ConcernDirectory.prepare(for: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DaemonError("cannot open the record of concern \(path): \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 != 0 else { return nil }
        guard fchmod(fd, 0o600) == 0 else {
            throw DaemonError("the record of concern \(path) has mode \(String(mode, radix: 8)) and cannot be narrowed to 0600: \(errnoText())")
        }
        return "narrowed the record of concern \(path) from mode \(String(mode, radix: 8)) to 600"
    }

    /// Appends `line` (without its newline) durably; the future completes on `eventLoop` once the
    /// line is on disk, or fails with a `DaemonError` saying why it is not.
    func append(_ line: [UInt8], on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        pool.runIfActive(eventLoop: eventLoop) { [path] in try ConcernLog.appendNow(line, to: path) }
    }

    /// The blocking append: open, write all, fsync, close; a new file also fsyncs its directory.
    static func appendNow(_ line: [UInt8], to path: String) throws(DaemonError) {
        var created = false
        var fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        if fd < 0 && errno == ENOENT {
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            created = fd >= 0
        }
        guard fd >= 0 else { throw DaemonError("cannot open \(path): \(errnoText())") }
        var bytes = line
        bytes.append(0x0A)
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write \(path): \(errnoText())"
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = "cannot fsync \(path): \(errnoText())" }
        if close(fd) != 0, failure == nil { failure = "cannot close \(path): \(errnoText())" }
        if let failure { throw DaemonError(failure) }
        if created { syncDirectory(of: path) }
    }

    private static func syncDirectory(of path: String) {
        var directory = (path as NSString).deletingLastPathComponent
        if directory.isEmpty { directory = "." }
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// The record for one result: time, id, channel, author, categories, rule ids, redacted draft.
    /// Fields the request did not carry (channel, author and its parts) are left out.
    static func record(for request: ScreeningRequest, result: ScreeningResult, at time: Timestamp) -> [UInt8] {
        var json = JSONText(capacity: 256 + result.redacted.utf8.count)
        json.open()
        json.field("time", TimestampParser.format(time))
        json.field("id", result.id)
        if let channel = request.channel { json.field("channel", channel) }
        if let author = request.author, author.name != nil || author.role != nil {
            json.key("author")
            json.open()
            if let name = author.name { json.field("name", name) }
            if let role = author.role { json.field("role", role.rawValue) }
            json.close()
        }
        json.field("categories", strings: result.categories.map(\.rawValue))
        var rules: [String] = []
        for finding in result.findings where !rules.contains(finding.rule) { rules.append(finding.rule) }
        json.field("rules", strings: rules)
        json.field("redacted", result.redacted)
        json.close()
        return json.bytes
    }

    /// True when `result` must be recorded before it is answered.
    static func needsRecord(_ result: ScreeningResult) -> Bool {
        result.findings.contains { $0.category == .safeguarding }
    }
}
