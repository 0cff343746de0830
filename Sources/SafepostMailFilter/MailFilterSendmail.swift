#if canImport(Glibc)
import Glibc
import CSafepostMailFilter
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands a message back to Postfix with `SENDMAIL -G -i -f SENDER -- RECIPIENT...`, as Postfix's
/// FILTER_README describes for a simple content filter.
///
/// The message (with any headers the filter adds) is in full in an anonymous file, which becomes
/// sendmail's standard input; sendmail's output goes to another, read after it exits
/// for the reason of a failure. So sendmail never sees a message cut short, and nothing can block
/// on a full pipe. Success is sendmail exiting 0; anything else is a temporary failure.
struct MailFilterSendmail {
    /// The sendmail program: a path, or a name looked up in PATH.
    let program: String

    /// Re-injects `prefix` + `message`. Without a prefix, the message's own file is sendmail's
    /// standard input; with one, a new file holding both (the message copied in the kernel).
    func send(
        prefix: [UInt8], message: MailFilterMessage, sender: String, recipients: [String]
    ) throws(MailFilterExit) {
        let copy: Int32? = if prefix.isEmpty { nil } else { try message.prefixed(prefix) }
        defer { if let copy { close(copy) } }
        let input = copy ?? message.fd
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
    /// `output`, with SIGPIPE and SIGALRM back to their defaults, no signals blocked and no other
    /// descriptor inherited (one inherited by this process, say a pipe a supervisor watches for its
    /// end, must not be held open by sendmail or its children). See `safepost_spawn` (vfork + exec).
    ///
    /// The argument vector is a temporary buffer of C strings, not an array of optional pointers:
    /// that array type would cost this process a run-time lookup of its metadata (about 38,000
    /// instructions, a sixth of a whole run).
    private func spawn(_ arguments: [String], stdin: Int32, output: Int32) throws(MailFilterExit) -> pid_t {
        #if os(Linux)
        let result = withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<CChar>?.self, capacity: arguments.count + 1) { argv in
            for (i, argument) in arguments.enumerated() { argv[i] = strdup(argument) }
            argv[arguments.count] = nil
            defer { for i in 0..<arguments.count { free(argv[i]) } }
            return safepost_spawn(program, argv.baseAddress!, environ, stdin, output)
        }
        guard result > 0 else {
            throw .tempfail("cannot start \(program) to re-inject the message: \(MailFilterIO.describe(-result))")
        }
        return result
        #else
        throw .tempfail("cannot start \(program): only Linux is supported")
        #endif
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
