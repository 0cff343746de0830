import SafepostClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit statuses Postfix's pipe(8) acts on (sysexits.h). It bounces on every status but 0, 75
/// and 71, so the filter uses only three: 0 after the message was handed on, 69 for a deliberate
/// block, and 75 for everything else, so that Postfix keeps the message and tries again.
public enum MailFilterStatus {
    public static let delivered: Int32 = 0
    /// EX_UNAVAILABLE: Postfix bounces the message to its sender with the filter's line.
    public static let blocked: Int32 = 69
    /// EX_TEMPFAIL: Postfix defers the message and retries it later.
    public static let tempfail: Int32 = 75
}

/// How a run ends: the status and the one line Postfix logs and, for a bounce or a deferral, puts in
/// the delivery status notification. A line that begins with an enhanced status code (`5.7.1`,
/// `4.3.0`) gives Postfix that code; it always agrees with the exit status.
public struct MailFilterExit: Error, Equatable {
    /// The exit status: `MailFilterStatus.delivered`, `.blocked` or `.tempfail`.
    public var status: Int32
    /// The one line for Postfix (without the newline).
    public var line: String

    public init(status: Int32, line: String) {
        self.status = status
        self.line = line
    }

    /// 75 with a `4.x.x` code: the message stays queued.
    static func tempfail(_ reason: String, code: String = "4.3.0") -> MailFilterExit {
        MailFilterExit(status: MailFilterStatus.tempfail, line: "\(code) safepost: \(reason)")
    }

    /// A mistake in the filter's master.cf command line.
    static func misconfigured(_ error: MailFilterUsageError, command: String = MailFilterOptions.command) -> MailFilterExit {
        .tempfail("mail-filter is misconfigured: \(error.message); usage: \(MailFilterOptions.usage(for: command))", code: "4.3.5")
    }

    /// 0 with an informational line (logged by Postfix with the delivery).
    static func delivered(_ note: String) -> MailFilterExit {
        MailFilterExit(status: MailFilterStatus.delivered, line: "safepost: \(note)")
    }
}

/// The filter's own deadline: a timer that, when it fires, kills the sendmail it started (if any, so
/// that a half-fed sendmail never queues a partial message) and exits 75. It is the backstop for
/// every step; a step that can wait (the daemon) also stops at the deadline by itself.
enum MailFilterDeadline {
    private nonisolated(unsafe) static var end: Deadline = .now

    /// Starts the timer for `seconds`.
    static func arm(seconds: Double) {
        end = Deadline.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        signal(SIGALRM, { _ in
            let child = mailFilterChild
            if child > 0 { kill(child, SIGKILL) }
            let message: StaticString = "4.3.0 safepost: the mail filter's deadline passed before the message was handed on; Postfix will try again\n"
            _ = write(1, message.utf8Start, message.utf8CodeUnitCount)
            _exit(MailFilterStatus.tempfail)
        })
        // The signal may arrive blocked from whoever started this process (a test runner's thread,
        // a supervisor): unblock it, or the deadline would silently never fire.
        var alarm = sigset_t()
        sigemptyset(&alarm)
        sigaddset(&alarm, SIGALRM)
        sigprocmask(SIG_UNBLOCK, &alarm, nil)
        _ = mailFilterChild  // initialised before the handler can read it
        let whole = Int(seconds)
        let micro = Int((seconds - Double(whole)) * 1_000_000)
        var timer = itimerval(
            it_interval: timeval(tv_sec: 0, tv_usec: 0),
            it_value: timeval(tv_sec: whole, tv_usec: max(micro, whole == 0 ? 1 : 0)))
        #if canImport(Glibc)
        _ = setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
        #else
        _ = setitimer(ITIMER_REAL, &timer, nil)
        #endif
    }

    /// Time left before the deadline (zero once it has passed).
    static var remaining: Duration {
        max(.zero, end.remaining)
    }

    /// Runs `body` with the deadline's signal held back, so that a child process is never started
    /// without its id recorded for the timer to kill.
    static func held<T>(_ body: () throws(MailFilterExit) -> T) throws(MailFilterExit) -> T {
        var block = sigset_t()
        var previous = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGALRM)
        sigprocmask(SIG_BLOCK, &block, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}

/// The sendmail the filter is waiting for, killed by the deadline's signal handler.
nonisolated(unsafe) var mailFilterChild: pid_t = 0

/// Small text helpers for lines that go into Postfix's logs and bounces.
public enum MailFilterText {
    /// `text` on one line: control characters as spaces, at most `limit` characters (then `…`).
    static func printable(_ text: String, limit: Int = 400) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out.append("…")
                break
            }
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: out.append(" ")
            default: out.append(scalar)
            }
            count += 1
        }
        return String(out)
    }

    /// Writes `line` and a newline to standard output (the pipe Postfix reads), all of it.
    public static func emit(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        _ = MailFilterIO.writeAll(1, bytes[...])
    }
}
