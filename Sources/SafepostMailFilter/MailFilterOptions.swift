/// What `safepost mail-filter` was asked to do, read from its command line by hand.
///
/// The command line is parsed here rather than by ArgumentParser because ArgumentParser answers a
/// usage error with exit status 64, which Postfix's pipe(8) turns into a bounce of every message: a
/// typo in master.cf must defer mail (75) until it is fixed, never return it to its senders.
public struct MailFilterOptions: Equatable {
    enum ReviewMode: String, Equatable {
        /// Re-inject to the recipients with `X-SafePost-Verdict: review` (a header_checks HOLD line holds it).
        case header
        /// Re-inject to the review address instead of the recipients.
        case redirect
        /// File it into a quarantine Maildir.
        case maildir
    }

    enum Oversize: String, Equatable {
        /// Defer the message (75): it is never delivered unscreened.
        case tempfail
        /// Re-inject it unscreened with `X-SafePost-Verdict: unscanned-oversize`.
        case pass
    }

    static let defaultSendmail = "/usr/sbin/sendmail"
    /// Postfix's default `message_size_limit`.
    static let defaultMaxSize = 10_240_000
    static let defaultDeadline = 60.0

    var socket = "/run/safepost/safepost.sock"
    var sendmail = MailFilterOptions.defaultSendmail
    var reviewMode = ReviewMode.header
    var reviewAddress: String?
    var quarantine: String?
    var maxSize = MailFilterOptions.defaultMaxSize
    var oversize = Oversize.tempfail
    var deadline = MailFilterOptions.defaultDeadline
    var addAllowHeader = false
    /// The envelope sender (`-f`); empty for the null sender.
    var sender = ""
    var recipients: [String] = []

    /// How the filter is started in the usage text: the command line's subcommand.
    public static let command = "safepost mail-filter"

    /// The usage text, shown by `--help` and named in argument errors.
    public static let usage = usage(for: command)

    /// The usage text for the filter started as `command` (`safepost mail-filter`, `safepost-mail-filter`).
    public static func usage(for command: String) -> String {
        command + """
             [--socket PATH] [--sendmail PATH] [--review-mode header|redirect|maildir] \
            [--review-address ADDR] [--quarantine DIR] [--max-size BYTES] [--oversize tempfail|pass] \
            [--deadline SECONDS] [--add-allow-header] -f SENDER -- RECIPIENT...
            """
    }

    /// What the filter does, for `--help` (after the usage line).
    public static let discussion = """
        Postfix master.cf: safepost unix - n n - 10 pipe flags=Rq user=safepost-filter:safepost null_sender= \
        argv=/usr/local/bin/safepost-mail-filter -f ${sender} -- ${recipient}  (see docs/postfix.md).

        The message is read from standard input and screened by safepostd (--socket, default \
        /run/safepost/safepost.sock). allow: re-injected unchanged with SENDMAIL -G -i -f SENDER -- \
        RECIPIENT... (--sendmail, default /usr/sbin/sendmail; --add-allow-header prepends \
        "X-SafePost-Verdict: allow"). review: --review-mode header (default) re-injects it with \
        "X-SafePost-Verdict: review" and "X-SafePost-Findings: category (rule), ..." for a header_checks \
        HOLD line; redirect sends it to --review-address instead (with "X-SafePost-Verdict: \
        redirected-for-review", the findings and the original envelope); maildir files it into the \
        Maildir --quarantine DIR. block: exit 69 with a 5.7.1 line quoting the policy clause, which Postfix \
        puts in the bounce.

        A message over --max-size bytes (default 10240000) is never truncated: --oversize tempfail \
        (default) defers it, pass re-injects it unscreened with "X-SafePost-Verdict: unscanned-oversize".

        Exit status: 0 only after the message was re-injected or quarantined; 69 only for a block; \
        75 (EX_TEMPFAIL, Postfix retries) for everything else: safepostd unreachable or refusing, \
        sendmail failing, the --deadline (default 60 seconds) passing, a mistake in these arguments.
        """

    /// Reads the arguments after `mail-filter`. A mistake throws a message naming it.
    static func parse(_ arguments: [String]) throws(MailFilterUsageError) -> MailFilterOptions {
        var options = MailFilterOptions()
        var sawSender = false
        var index = 0

        func value(_ name: String, inline: String?) throws(MailFilterUsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw MailFilterUsageError("\(name) needs a value") }
            return arguments[index]
        }

        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                options.recipients = Array(arguments[(index + 1)...])
                break
            }
            // `--name=value` or `--name value`.
            var name = argument
            var inline: String? = nil
            // Split on the UTF-8 bytes: a search by Character would run grapheme breaking (its code
            // and tables are pages this process, started once per message, would have to fault in).
            if argument.hasPrefix("--"), let equals = argument.utf8.firstIndex(of: UInt8(ascii: "=")) {
                name = String(decoding: argument.utf8[..<equals], as: UTF8.self)
                inline = String(decoding: argument.utf8[argument.utf8.index(after: equals)...], as: UTF8.self)
            }
            switch name {
            case "-f":
                options.sender = try value("-f", inline: nil)
                sawSender = true
            case _ where name.hasPrefix("-f") && !name.hasPrefix("--"):
                // `-fSENDER` (pipe(8) warns against it, since a null sender then swallows the next word).
                options.sender = String(decoding: name.utf8.dropFirst(2), as: UTF8.self)
                sawSender = true
            case "--socket":
                options.socket = try value(name, inline: inline)
                guard !options.socket.isEmpty else { throw MailFilterUsageError("--socket must not be empty") }
            case "--sendmail":
                options.sendmail = try value(name, inline: inline)
                guard !options.sendmail.isEmpty else { throw MailFilterUsageError("--sendmail must not be empty") }
            case "--review-mode":
                let text = try value(name, inline: inline)
                guard let mode = ReviewMode(rawValue: text) else {
                    throw MailFilterUsageError("--review-mode must be header, redirect or maildir, not \(quoted(text))")
                }
                options.reviewMode = mode
            case "--review-address":
                let address = try value(name, inline: inline)
                guard !address.isEmpty, !address.hasPrefix("-") else {
                    throw MailFilterUsageError("--review-address must be an address, not \(quoted(address))")
                }
                options.reviewAddress = address
            case "--quarantine":
                let directory = try value(name, inline: inline)
                guard directory.hasPrefix("/") else {
                    throw MailFilterUsageError("--quarantine must be an absolute path, not \(quoted(directory))")
                }
                options.quarantine = directory
            case "--max-size":
                let text = try value(name, inline: inline)
                guard let bytes = Int(text), bytes > 0 else {
                    throw MailFilterUsageError("--max-size must be a positive number of bytes, not \(quoted(text))")
                }
                options.maxSize = bytes
            case "--oversize":
                let text = try value(name, inline: inline)
                guard let choice = Oversize(rawValue: text) else {
                    throw MailFilterUsageError("--oversize must be tempfail or pass, not \(quoted(text))")
                }
                options.oversize = choice
            case "--deadline":
                let text = try value(name, inline: inline)
                guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                    throw MailFilterUsageError("--deadline must be a number of seconds above 0 and at most 3600, not \(quoted(text))")
                }
                options.deadline = seconds
            case "--add-allow-header":
                guard inline == nil else { throw MailFilterUsageError("--add-allow-header takes no value") }
                options.addAllowHeader = true
            default:
                if argument.hasPrefix("-") {
                    throw MailFilterUsageError("unknown option \(quoted(argument))")
                }
                throw MailFilterUsageError("unexpected argument \(quoted(argument)) (recipients go after --)")
            }
            index += 1
        }

        guard sawSender else { throw MailFilterUsageError("-f SENDER is required (use -f ${sender} in master.cf)") }
        guard !options.recipients.isEmpty else {
            throw MailFilterUsageError("no recipients (use -- ${recipient} at the end of the master.cf command)")
        }
        if options.recipients.contains(where: \.isEmpty) { throw MailFilterUsageError("an empty recipient address") }
        switch options.reviewMode {
        case .header:
            break
        case .redirect:
            guard options.reviewAddress != nil else { throw MailFilterUsageError("--review-mode redirect needs --review-address") }
        case .maildir:
            guard options.quarantine != nil else { throw MailFilterUsageError("--review-mode maildir needs --quarantine DIR") }
        }
        return options
    }

    private static func quoted(_ text: String) -> String {
        "'" + MailFilterText.printable(text, limit: 80) + "'"
    }
}

/// A mistake on the filter's command line (a master.cf error): the message is deferred, never bounced.
struct MailFilterUsageError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
