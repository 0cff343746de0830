#if canImport(Glibc)
import Glibc
import CSafepostMailFilter
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands a message back to Postfix with `SENDMAIL -G -i -f SENDER -- RECIPIENT...`, as Postfix's
/// FILTER_README describes for a simple content filter.
///
/// The message (with any headers the filter adds) is first written in full to an anonymous file,
/// which becomes sendmail's standard input; sendmail's output goes to another, read after it exits
/// for the reason of a failure. So sendmail never sees a message cut short, and nothing can block
/// on a full pipe. Success is sendmail exiting 0; anything else is a temporary failure.
struct MailFilterSendmail {
    /// The sendmail program: a path, or a name looked up in PATH.
    let program: String

    /// Re-injects `prefix` + `message` (+ whatever is left on `rest`, for an oversize message).
    func send(
        prefix: [UInt8], message: [UInt8], rest: Int32? = nil, sender: String, recipients: [String]
    ) throws(MailFilterExit) {
        let input = try MailFilterIO.anonymousFile()
        defer { close(input) }
        guard MailFilterIO.writeAll(input, prefix[...]), MailFilterIO.writeAll(input, message[...]) else {
            throw .tempfail("writing the message for sendmail failed: \(MailFilterIO.describe(errno))")
        }
        if let rest { try MailFilterIO.copyRest(from: rest, to: input) }
        guard lseek(input, 0, SEEK_SET) == 0 else {
            throw .tempfail("rewinding the message for sendmail failed: \(MailFilterIO.describe(errno))")
        }
        let output = try MailFilterIO.anonymousFile()
        defer { close(output) }

        let arguments = [program, "-G", "-i", "-f", sender, "--"] + recipients
        let pid = try MailFilterDeadline.held { () throws(MailFilterExit) -> pid_t in
            let pid = try spawn(arguments, stdin: input, output: output)
            mailFilterChild = pid
            return pid
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw .tempfail("waiting for sendmail failed: \(MailFilterIO.describe(errno))")
            }
        }
        mailFilterChild = 0
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        if exited && code == 0 { return }
        let said = Self.firstLine(MailFilterIO.contents(output, limit: 2048))
        let how = exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7F)"
        throw .tempfail("re-injection failed: \(program) \(how)\(said.isEmpty ? "" : ": " + said)")
    }

    /// Starts `arguments` with standard input from `stdin` and standard output and error to
    /// `output`, with SIGPIPE and SIGALRM back to their defaults and no signals blocked.
    private func spawn(_ arguments: [String], stdin: Int32, output: Int32) throws(MailFilterExit) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Sendmail gets descriptors 0, 1 and 2 only: one inherited by this process (say, a pipe a
        // supervisor watches for its end) must not be held open by sendmail or its children.
        Self.closeFrom(3, &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGALRM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let result: Int32
        if program.contains("/") {
            result = posix_spawn(&pid, program, &actions, &attributes, &argv, environ)
        } else {
            result = posix_spawnp(&pid, program, &actions, &attributes, &argv, environ)
        }
        guard result == 0 else {
            throw .tempfail("cannot start \(program) to re-inject the message: \(MailFilterIO.describe(result))")
        }
        return pid
    }

    /// Adds "close every descriptor from `lowest` on" to `actions` (glibc 2.34's
    /// `posix_spawn_file_actions_addclosefrom_np`); where it is missing, marks this process's
    /// descriptors from `lowest` on close-on-exec instead.
    private static func closeFrom(_ lowest: Int32, _ actions: inout posix_spawn_file_actions_t) {
        #if os(Linux)
        if safepost_spawn_closefrom(&actions, lowest) == 0 { return }
        #endif
        guard let directory = opendir("/proc/self/fd") else { return }
        defer { closedir(directory) }
        let own = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let fd = Int32(name), fd >= lowest, fd != own { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
    }

    /// The first non-empty line of a program's output, printable and short.
    static func firstLine(_ bytes: [UInt8]) -> String {
        for line in bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            let text = MailFilterText.printable(String(decoding: line, as: UTF8.self), limit: 200)
            if !text.allSatisfy({ $0 == " " }) { return text }
        }
        return ""
    }
}
