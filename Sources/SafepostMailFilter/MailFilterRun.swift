import SafepostClient
import SafepostMIME
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
    /// The message is read from descriptor 0, sent to safepostd in one request, and handed to
    /// sendmail (a child process) or the quarantine.
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
        let message: [UInt8]
        switch try MailFilterIO.read(0, limit: options.maxSize) {
        case .oversize(let start):
            return try oversize(start, rest: 0, options, why: "larger than --max-size \(options.maxSize) bytes")
        case .complete(let bytes):
            message = bytes
        }
        guard !message.isEmpty else { throw .tempfail("the message on standard input is empty") }

        let extraction = MailReader.read(message) { _, displayName in
            // The daemon resolves the role from its roster; a name it does not know gets the staff rules.
            displayName.map { Author(name: $0) }
        }
        let result: ScreeningResult
        do throws(ClientError) {
            let left = MailFilterDeadline.remaining
            guard left > .milliseconds(10) else { throw ClientError.timeout }
            result = try SafepostClient(socketPath: options.socket, timeout: left).check(screenable(extraction.request))
        } catch {
            if case .server(413, _) = error {
                return try oversize(message, rest: nil, options, why: "too large for safepostd to screen")
            }
            throw .tempfail("message not screened, Postfix will retry: \(MailFilterText.printable(error.description))")
        }

        let headers = MailFilterHeaders(for: message)
        let sendmail = MailFilterSendmail(program: options.sendmail)
        let warnings = extraction.warnings.isEmpty ? "" : " (\(extraction.warnings.count) MIME warning\(extraction.warnings.count == 1 ? "" : "s"))"
        switch result.verdict {
        case .allow:
            let prefix = options.addAllowHeader ? headers.verdict("allow") : []
            try sendmail.send(prefix: prefix, message: message, sender: options.sender, recipients: options.recipients)
            return .delivered("allow\(warnings)")
        case .review:
            let findings = MailFilterHeaders.findings(result)
            switch options.reviewMode {
            case .header:
                try sendmail.send(prefix: headers.review(result), message: message, sender: options.sender, recipients: options.recipients)
                return .delivered("review, re-injected with X-SafePost-Verdict: \(findings)\(warnings)")
            case .redirect:
                let address = options.reviewAddress!
                // Not "review…": the documented header_checks HOLD line must not hold the reviewer's copy.
                let prefix = headers.review(result, verdict: "redirected-for-review")
                    + headers.envelope(sender: options.sender, recipients: options.recipients)
                try sendmail.send(prefix: prefix, message: message, sender: options.sender, recipients: [address])
                return .delivered("review, redirected to \(MailFilterHeaders.headerSafe(address)): \(findings)\(warnings)")
            case .maildir:
                let prefix = headers.review(result) + headers.envelope(sender: options.sender, recipients: options.recipients)
                let name = try MailFilterQuarantine(directory: options.quarantine!).file(prefix: prefix, message: message)
                return .delivered("review, quarantined as new/\(MailFilterHeaders.headerSafe(name)): \(findings)\(warnings)")
            }
        case .block:
            return MailFilterExit(status: MailFilterStatus.blocked, line: MailFilterHeaders.blockReason(result))
        }
    }

    /// The request with every NUL character replaced by a space (one byte for one, so offsets
    /// stay true): safepostd refuses text holding NULs as binary, and a NUL in a mail (8-bit junk,
    /// a broken charset) must not keep the message deferred until Postfix gives up on it.
    static func screenable(_ request: ScreeningRequest) -> ScreeningRequest {
        func clean(_ text: String) -> String {
            guard text.utf8.contains(0) else { return text }
            return String(decoding: text.utf8.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
        var out = request
        out.id = clean(out.id)
        out.text = clean(out.text)
        out.subject = out.subject.map(clean)
        if let name = out.author?.name { out.author?.name = clean(name) }
        out.attachments = out.attachments.map { Attachment(filename: $0.filename.map(clean), contentType: $0.contentType.map(clean)) }
        out.channel = out.channel.map(clean)
        return out
    }

    /// A message that cannot be screened for its size: deferred, or passed on unscreened with a header.
    static func oversize(_ start: [UInt8], rest: Int32?, _ options: MailFilterOptions, why: String) throws(MailFilterExit) -> MailFilterExit {
        switch options.oversize {
        case .tempfail:
            throw .tempfail("message \(why): not screened and not passed on (--oversize tempfail)", code: "4.3.4")
        case .pass:
            let prefix = MailFilterHeaders(for: start).verdict("unscanned-oversize")
            try MailFilterSendmail(program: options.sendmail).send(
                prefix: prefix, message: start, rest: rest, sender: options.sender, recipients: options.recipients)
            return .delivered("unscanned-oversize, passed on unscreened (--oversize pass): message \(why)")
        }
    }
}
