#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files a message into a quarantine Maildir the way a delivery agent does: written and fsynced in
/// `tmp/`, renamed into `new/`, and the directory fsynced, so that once the filter exits 0 the
/// message is on disk under its final name. Missing `tmp/`, `new/` and `cur/` are created (0700).
struct MailFilterQuarantine {
    let directory: String

    /// Writes `prefix` + `message`; returns the file's name (in `new/`).
    func file(prefix: [UInt8], message: MailFilterMessage) throws(MailFilterExit) -> String {
        for sub in ["", "/tmp", "/new", "/cur"] {
            let path = directory + sub
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw .tempfail("cannot create the quarantine Maildir \(path): \(MailFilterIO.describe(errno))")
            }
        }
        let name = Self.uniqueName()
        let temporary = directory + "/tmp/" + name
        let final = directory + "/new/" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .tempfail("cannot create \(temporary) in the quarantine: \(MailFilterIO.describe(errno))")
        }
        let written = MailFilterIO.writeAll(fd, prefix[...]) && message.send(to: fd) && fsync(fd) == 0
        let code = errno
        let closed = close(fd) == 0
        guard written, closed else {
            unlink(temporary)
            throw .tempfail("writing \(temporary) in the quarantine failed: \(MailFilterIO.describe(written ? errno : code))")
        }
        guard rename(temporary, final) == 0 else {
            let code = errno
            unlink(temporary)
            throw .tempfail("moving the quarantined message into \(directory)/new failed: \(MailFilterIO.describe(code))")
        }
        try Self.syncDirectory(directory + "/new")
        return name
    }

    private static func syncDirectory(_ path: String) throws(MailFilterExit) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .tempfail("cannot open \(path) to sync it: \(MailFilterIO.describe(errno))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .tempfail("syncing \(path) failed: \(MailFilterIO.describe(errno))") }
    }

    /// `seconds.MmicrosecondsPpidRrandom.host`, the Maildir convention for a name no other delivery uses.
    static func uniqueName() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        var hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if hostName.isEmpty { hostName = "localhost" }
        hostName = hostName.replacing("/", with: "\\057").replacing(":", with: "\\072")
        let random = UInt64.random(in: 0...UInt64.max)
        return "\(now.tv_sec).M\(now.tv_nsec / 1000)P\(getpid())R\(String(random, radix: 16)).\(hostName)"
    }
}
