import SafepostClient
import SafepostModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One message through the filter, from the command line to the exit status. The line for a
/// message handed on puts the outcome first: Postfix logs only about 100 characters of it.
public enum MailFilterRun {
    /// Runs the filter on standard input with `arguments` (the options, `-f SENDER -- RECIPIENT...`)
    /// and returns how it ended; the caller prints `line` (`MailFilterText.emit`) and exits with
    /// `status`. `command` names the program in the usage of an argument error.
    ///
    /// Nothing is done before the arguments are read: no rules, no roster, no configuration file.
    /// The message is moved from descriptor 0 into an anonymous file, streamed from there to
    /// safepostd (`POST /v1/mail`, which reads its MIME and screens it), and the same file is handed
    /// to sendmail (a child process) or copied into the quarantine.
    public static func run(_ arguments: [String], command: String = MailFilterOptions.command) -> MailFilterExit {
        let options: MailFilterOptions
        do { options = try MailFilterOptions.parse(arguments) } catch { return .misconfigured(error, command: command) }
        signal(SIGPIPE, SIG_IGN)
        MailFilterDeadline.arm(seconds: options.deadline)
        do {
            return try handle(options)
        } catch {
            return error
        }
    }

    static func handle(_ options: MailFilterOptions) throws(MailFilterExit) -> MailFilterExit {
        let message: MailFilterMessage
        switch try MailFilterMessage.read(0, limit: options.maxSize) {
        case .oversize(let start):
            return try oversize(start, rest: 0, options, why: "larger than --max-size \(options.maxSize) bytes")
        case .complete(let whole):
            message = whole
        }
        defer { close(message.fd) }
        guard message.size > 0 else { throw .tempfail("the message on standard input is empty") }

        // safepostd reads the MIME (POST /v1/mail): this process never holds the message's bytes.
        let answer: MailFilterAnswer
        do throws(ClientError) {
            let left = MailFilterDeadline.remaining
            guard left > .milliseconds(10) else { throw ClientError.timeout }
            answer = try MailFilterDaemon.ask(socket: options.socket, message: message, deadline: Deadline.now.advanced(by: left))
        } catch {
            if case .server(413, _) = error {
                return try oversize(message, rest: nil, options, why: "too large for safepostd to screen")
            }
            if case .server(404, _) = error {
                throw .tempfail("message not screened, Postfix will retry: this safepostd has no POST /v1/mail (restart it with the version of this filter)")
            }
            throw .tempfail("message not screened, Postfix will retry: \(MailFilterText.printable(error.description))")
        }

        let sendmail = MailFilterSendmail(program: options.sendmail)
        let warnings = answer.mimeWarnings == 0 ? "" : " (\(answer.mimeWarnings) MIME warning\(answer.mimeWarnings == 1 ? "" : "s"))"
        switch answer.verdict {
        case .allow:
            let prefix = options.addAllowHeader ? MailFilterHeaders(for: message).verdict("allow") : []
            try sendmail.send(prefix: prefix, message: message, sender: options.sender, recipients: options.recipients)
            return .delivered("allow\(warnings)")
        case .review:
            let headers = MailFilterHeaders(for: message)
            let findings = MailFilterHeaders.findings(answer.findings)
            switch options.reviewMode {
            case .header:
                try sendmail.send(prefix: headers.review(answer), message: message, sender: options.sender, recipients: options.recipients)
                return .delivered("review, re-injected with X-SafePost-Verdict: \(findings)\(warnings)")
            case .redirect:
                let address = options.reviewAddress!
                // Not "review…": the documented header_checks HOLD line must not hold the reviewer's copy.
                let prefix = headers.review(answer, verdict: "redirected-for-review")
                    + headers.envelope(sender: options.sender, recipients: options.recipients)
                try sendmail.send(prefix: prefix, message: message, sender: options.sender, recipients: [address])
                return .delivered("review, redirected to \(MailFilterHeaders.headerSafe(address)): \(findings)\(warnings)")
            case .maildir:
                let prefix = headers.review(answer) + headers.envelope(sender: options.sender, recipients: options.recipients)
                let name = try MailFilterQuarantine(directory: options.quarantine!).file(prefix: prefix, message: message)
                return .delivered("review, quarantined as new/\(MailFilterHeaders.headerSafe(name)): \(findings)\(warnings)")
            }
        case .block:
            return MailFilterExit(status: MailFilterStatus.blocked, line: MailFilterHeaders.blockReason(answer))
        }
    }

    /// A message that cannot be screened for its size: deferred, or passed on unscreened with a
    /// header (what is still unread on `rest` is added to the file first).
    static func oversize(_ start: MailFilterMessage, rest: Int32?, _ options: MailFilterOptions, why: String) throws(MailFilterExit) -> MailFilterExit {
        switch options.oversize {
        case .tempfail:
            throw .tempfail("message \(why): not screened and not passed on (--oversize tempfail)", code: "4.3.4")
        case .pass:
            var whole = start
            if let rest { _ = try whole.append(from: rest, upTo: nil) }
            let prefix = MailFilterHeaders(for: whole).verdict("unscanned-oversize")
            try MailFilterSendmail(program: options.sendmail).send(
                prefix: prefix, message: whole, sender: options.sender, recipients: options.recipients)
            return .delivered("unscanned-oversize, passed on unscreened (--oversize pass): message \(why)")
        }
    }
}
