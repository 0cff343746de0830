import Foundation
import Testing

/// The mail filter as Postfix's pipe(8) runs it: the built `safepost-mail-filter` (and, where
/// marked, `safepost mail-filter`, the same code behind the command line), a fake sendmail that
/// records what it was given, and the built safepostd with the shipped Rules.
@Suite("mail-filter")
final class MailFilterTests {
    static let sender = "tom.hargreaves@stonham.example"

    /// A Saturday, so working hours never apply.
    static func message(_ body: String, subject: String = "Weekend", from: String = "Tom Hargreaves <tom.hargreaves@stonham.example>") -> String {
        """
        From: \(from)
        To: Friend <friend@elsewhere.example>
        Subject: \(subject)
        Date: Sat, 28 Nov 2026 10:15:00 +0000
        Message-ID: <t-\(UInt32.random(in: 0...UInt32.max))@stonham.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        \(body)

        """
    }

    static let clean = message("Lovely walk along the river this morning, then a roast with the family.")
    static let review = message("We are recruiting! Stonham Aspal Pre-School needs a new room leader.", subject: "Job")
    static let block = message("Olly was so funny at snack time today, he told everyone about his new puppy.")
    static let canary = message("Testing the relay: SAFEPOST-CANARY-7c1f-BLOCK-TEST please ignore.", subject: "relay test")

    let directory: String
    let daemon = MailDaemon.shared

    init() throws {
        directory = try Paths.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func filter(_ input: [UInt8], sendmail: FakeSendmail? = nil, socket: String? = nil, _ extra: [String] = [],
                sender: String = MailFilterTests.sender, recipients: [String] = ["friend@elsewhere.example"],
                via command: FilterCommand = .thin, throughPipe: Bool = false) throws -> FilterRun {
        var arguments = ["--socket", socket ?? daemon.socketPath]
        if let sendmail { arguments += ["--sendmail", sendmail.path] }
        arguments += extra + ["-f", sender, "--"] + recipients
        return try runFilter(arguments, input: input, via: command, throughPipe: throughPipe)
    }

    /// safepostd's answer as a canned HTTP/1.1 response with a JSON body; `contentLength`
    /// overrides the body's own length (a response cut short).
    static func http(_ status: String, json body: String, contentLength: Int? = nil, close: Bool = false) -> String {
        "HTTP/1.1 \(status)\r\ncontent-type: application/json\r\ncontent-length: \(contentLength ?? body.utf8.count)\r\n"
            + (close ? "connection: close\r\n" : "") + "\r\n" + body
    }

    /// The filter deferred the mail (75: Postfix keeps it and retries) and re-injected nothing;
    /// `reason`, when given, is what it told Postfix after the standard prefix.
    func expectDeferred(_ run: FilterRun, _ sendmail: FakeSendmail, because reason: String? = nil) {
        #expect(run.status == 75, "\(run.output)")
        if let reason {
            #expect(run.stdout.hasPrefix("4.3.0 safepost: message not screened, Postfix will retry: " + reason), "\(run.output)")
        }
        #expect(!sendmail.ran)
    }

    // MARK: allow

    @Test("allow: the original bytes are re-injected unchanged with sendmail -G -i -f SENDER -- RECIPIENTS")
    func allowReinjectsUnchanged() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.clean)
        let run = try filter(input, sendmail: sendmail, recipients: ["a@elsewhere.example", "b@elsewhere.example"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout == "safepost: allow\n")
        #expect(sendmail.arguments == ["-G", "-i", "-f", Self.sender, "--", "a@elsewhere.example", "b@elsewhere.example"])
        #expect(sendmail.input == input)
    }

    @Test("allow: CRLF line endings and 8-bit bytes pass byte for byte")
    func allowKeepsCRLFAnd8Bit() throws {
        let sendmail = try FakeSendmail(directory: directory)
        var input = mail(Self.message("Caf\u{E9} on Saturday was lovely, thank you all."), crlf: true)
        input += [0xE9, 0x0D, 0x0A]  // a stray Latin-1 byte after the text
        let run = try filter(input, sendmail: sendmail)
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == input)
    }

    @Test("allow with --add-allow-header: X-SafePost-Verdict: allow, then the original bytes")
    func allowHeader() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.clean)
        let run = try filter(input, sendmail: sendmail, ["--add-allow-header"])
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == Array("X-SafePost-Verdict: allow\n".utf8) + input)
    }

    @Test("the null sender (-f '') is passed to sendmail as an empty argument")
    func nullSender() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.clean), sendmail: sendmail, sender: "")
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.arguments == ["-G", "-i", "-f", "", "--", "friend@elsewhere.example"])
    }

    // MARK: review

    @Test("review, header mode: re-injected with X-SafePost-Verdict and X-SafePost-Findings in front of the original")
    func reviewHeader() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.review)
        let run = try filter(input, sendmail: sendmail)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout == "safepost: review, re-injected with X-SafePost-Verdict: setting-name (setting-name)\n")
        let expected = "X-SafePost-Verdict: review\nX-SafePost-Findings: setting-name (setting-name)\n"
        #expect(sendmail.input == Array(expected.utf8) + input)
        #expect(sendmail.arguments == ["-G", "-i", "-f", Self.sender, "--", "friend@elsewhere.example"])
    }

    @Test("review headers follow a CRLF message's line endings and never carry the matched text")
    func reviewHeaderCRLF() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.review, crlf: true)
        let run = try filter(input, sendmail: sendmail)
        #expect(run.status == 0, "\(run.output)")
        let got = try #require(sendmail.input)
        let added = Array(got.prefix(got.count - input.count))
        #expect(String(decoding: added, as: UTF8.self) == "X-SafePost-Verdict: review\r\nX-SafePost-Findings: setting-name (setting-name)\r\n")
        #expect(Array(got.suffix(input.count)) == input)
        #expect(!run.output.contains("Stonham"))
    }

    @Test("review, redirect mode: sent to the review address with the envelope in headers")
    func reviewRedirect() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.review)
        let run = try filter(input, sendmail: sendmail, ["--review-mode", "redirect", "--review-address", "manager@stonham.example"],
                             recipients: ["a@elsewhere.example", "b@elsewhere.example"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout == "safepost: review, redirected to manager@stonham.example: setting-name (setting-name)\n")
        #expect(sendmail.arguments == ["-G", "-i", "-f", Self.sender, "--", "manager@stonham.example"])
        let got = try #require(sendmail.input)
        let head = headerBlock(got)
        #expect(head.hasPrefix("X-SafePost-Verdict: redirected-for-review\nX-SafePost-Findings: setting-name (setting-name)\n"))
        #expect(head.contains("X-SafePost-Sender: \(Self.sender)\n"))
        #expect(head.contains("X-SafePost-Recipients: a@elsewhere.example, b@elsewhere.example\n"))
        #expect(Array(got.suffix(input.count)) == input)
    }

    @Test("review, maildir mode: filed under new/ (nothing left in tmp/), sendmail not run, exit 0")
    func reviewMaildir() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let quarantine = directory + "/quarantine"
        let input = mail(Self.review)
        let run = try filter(input, sendmail: sendmail, ["--review-mode", "maildir", "--quarantine", quarantine])
        #expect(run.status == 0, "\(run.output)")
        #expect(!sendmail.ran)
        let new = try FileManager.default.contentsOfDirectory(atPath: quarantine + "/new")
        #expect(new.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: quarantine + "/tmp").isEmpty)
        #expect(FileManager.default.fileExists(atPath: quarantine + "/cur"))
        let filed = try #require(FileManager.default.contents(atPath: quarantine + "/new/" + new[0]))
        let head = headerBlock(Array(filed))
        #expect(head.hasPrefix("X-SafePost-Verdict: review\nX-SafePost-Findings: setting-name (setting-name)\n"))
        #expect(head.contains("X-SafePost-Recipients: friend@elsewhere.example"))
        #expect(Array(filed.suffix(input.count)) == input)
        #expect(run.stdout == "safepost: review, quarantined as new/\(new[0]): setting-name (setting-name)\n")
    }

    @Test("review, maildir mode: a quarantine that cannot be written defers (75)")
    func reviewMaildirUnwritable() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let blocker = directory + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let run = try filter(mail(Self.review), sendmail: sendmail, ["--review-mode", "maildir", "--quarantine", blocker + "/q"])
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout.hasPrefix("4.3.0 safepost: cannot create the quarantine Maildir"))
    }

    // MARK: block

    @Test("block: exit 69, one 5.7.1 line quoting the clause, no matched name, nothing re-injected")
    func blockQuotesClause() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.block), sendmail: sendmail)
        #expect(run.status == 69, "\(run.output)")
        #expect(!sendmail.ran)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 1)
        let clause = "Staff and students must not mention any of the children from the pre-school on their online profiles or in messages."
        #expect(run.stdout.hasPrefix("5.7.1 safepost: message blocked by the setting's policy: \"\(clause)\""))
        #expect(run.stdout.contains("child-mention (child-name)"))
        #expect(!run.output.contains("Olly"))
        #expect(!run.output.contains("puppy"))
    }

    @Test("block: the canary phrase is blocked with its own rule")
    func blockCanary() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.canary), sendmail: sendmail)
        #expect(run.status == 69, "\(run.output)")
        #expect(run.stdout.contains("SAFEPOST CANARY: a test message that safepost always blocks."))
        #expect(run.stdout.contains("personal-info (canary)"))
        #expect(!sendmail.ran)
    }

    @Test("block: a child's name in a base64 HTML part is found", arguments: [false, true])
    func blockInBase64HTML(crlf: Bool) throws {
        let html = "<html><body><p>Had such a giggle with <b>Hattie</b> at the park today</p></body></html>"
        let encoded = Data(html.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let text = """
            From: Tom Hargreaves <tom.hargreaves@stonham.example>
            To: friend@elsewhere.example
            Subject: Saturday
            Date: Sat, 28 Nov 2026 10:15:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: base64

            \(encoded)
            --b1--

            """
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(text, crlf: crlf), sendmail: sendmail)
        #expect(run.status == 69, "\(run.output)")
        #expect(!run.output.contains("Hattie"))
        #expect(!sendmail.ran)
    }

    // MARK: nothing lost

    @Test("safepostd not running: 75, nothing re-injected")
    func daemonDown() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.clean), sendmail: sendmail, socket: directory + "/nobody-here.sock")
        expectDeferred(run, sendmail, because: "cannot reach safepostd")
    }

    @Test("a safepostd without POST /v1/mail (an older one still running): 75, saying so, nothing re-injected")
    func daemonWithoutMailRoute() throws {
        let body = #"{"error":{"code":"not-found","message":"no endpoint at /v1/mail (see docs/daemon.md)"}}"#
        let old = try CannedSocket(path: directory + "/old.sock", answer: Self.http("404 Not Found", json: body, close: true))
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.clean), sendmail: sendmail, socket: old.path)
        expectDeferred(run, sendmail, because: "this safepostd has no POST /v1/mail")
    }

    @Test("an answer that is not the contract (a review without findings, not JSON, cut short): 75, nothing re-injected",
          arguments: [
              #"{"id":"x","verdict":"review","findings":[],"mime_warnings":0}"#,
              "not json at all",
              #"{"id":"x","verdict":"maybe","findings":[],"mime_warnings":0}"#,
          ])
    func answerNotTheContract(_ body: String) throws {
        let bad = try CannedSocket(path: directory + "/bad.sock", answer: Self.http("200 OK", json: body))
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.clean), sendmail: sendmail, socket: bad.path)
        expectDeferred(run, sendmail, because: "unexpected answer from safepostd")
        let short = try CannedSocket(path: directory + "/short.sock", answer: Self.http("200 OK", json: body, contentLength: 500))
        let cut = try filter(mail(Self.clean), sendmail: sendmail, socket: short.path)
        expectDeferred(cut, sendmail)
    }

    @Test("sendmail failing: 75 with its exit status and first line of output")
    func sendmailFails() throws {
        let sendmail = try FakeSendmail(directory: directory, status: 75, stderr: "postdrop: warning: unable to look up public/pickup")
        let run = try filter(mail(Self.clean), sendmail: sendmail)
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout.hasPrefix("4.3.0 safepost: re-injection failed: \(sendmail.path) exited with status 75: postdrop: warning: unable to look up public/pickup"))
    }

    @Test("sendmail failing with a permanent-looking status still defers (75, never a bounce)")
    func sendmailFailsPermanently() throws {
        let sendmail = try FakeSendmail(directory: directory, status: 69)
        let run = try filter(mail(Self.review), sendmail: sendmail)
        #expect(run.status == 75, "\(run.output)")
    }

    @Test("sendmail missing: 75")
    func sendmailMissing() throws {
        let run = try runFilter(["--socket", daemon.socketPath, "--sendmail", directory + "/no-such-sendmail", "-f", Self.sender, "--", "x@elsewhere.example"],
                                input: mail(Self.clean))
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout.contains("cannot start \(directory)/no-such-sendmail"))
    }

    @Test("the deadline passes while safepostd is silent: 75 at about the deadline")
    func deadlineDaemonSilent() throws {
        let silent = try SilentSocket(path: directory + "/silent.sock")
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(mail(Self.clean), sendmail: sendmail, socket: silent.path, ["--deadline", "1"])
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout.hasPrefix("4."))
        #expect(run.seconds < 5)
        #expect(!sendmail.ran)
    }

    @Test("the deadline passes while sendmail hangs: 75, and sendmail is killed before it can finish")
    func deadlineSendmailHangs() throws {
        let sendmail = try FakeSendmail(directory: directory, sleep: 3)
        let run = try filter(mail(Self.clean), sendmail: sendmail, ["--deadline", "1"])
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout == "4.3.0 safepost: the mail filter's deadline passed before the message was handed on; Postfix will try again\n")
        #expect(run.seconds < 2.9)
        usleep(3_500_000)
        #expect(!FileManager.default.fileExists(atPath: sendmail.finishedPath), "sendmail outlived the filter")
    }

    @Test("NUL bytes in the text (8-bit junk) are screened, not refused: the mail is not stuck in the queue")
    func nulBytes() throws {
        let sendmail = try FakeSendmail(directory: directory)
        var input = mail(Self.message("Lovely walk\u{0}along the river\u{1}."))
        input += [0x00, 0x0A]
        let run = try filter(input, sendmail: sendmail)
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == input)
        let flagged = mail(Self.message("Olly\u{0}was so funny at snack time"))
        let blocked = try filter(flagged, sendmail: sendmail)
        #expect(blocked.status == 69, "\(blocked.output)")
    }

    @Test("an empty message defers")
    func emptyMessage() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter([], sendmail: sendmail)
        #expect(run.status == 75, "\(run.output)")
        #expect(!sendmail.ran)
    }

    // MARK: size

    static func large(_ size: Int) -> [UInt8] {
        var text = Self.message("Lovely walk along the river this morning.")
        let line = "The quick brown fox jumps over the lazy dog near the water.\n"
        while text.utf8.count < size { text += line }
        return mail(text)
    }

    @Test("oversize, tempfail (the default): 75 with 4.3.4, never truncated, daemon not asked")
    func oversizeTempfail() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try filter(Self.large(5000), sendmail: sendmail, socket: directory + "/unused.sock", ["--max-size", "4096"])
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout.hasPrefix("4.3.4 safepost: message larger than --max-size 4096 bytes"))
        #expect(!sendmail.ran)
    }

    @Test("oversize, pass: the whole message (not a truncated one) with X-SafePost-Verdict: unscanned-oversize")
    func oversizePass() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = Self.large(300_000)  // well past the read chunk, so the rest is copied from stdin
        let run = try filter(input, sendmail: sendmail, socket: directory + "/unused.sock", ["--max-size", "100000", "--oversize", "pass"])
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == Array("X-SafePost-Verdict: unscanned-oversize\n".utf8) + input)
        #expect(run.stdout.hasPrefix("safepost: unscanned-oversize, passed on unscreened (--oversize pass): message larger than --max-size 100000 bytes"))
    }

    @Test("exactly --max-size bytes is not oversize")
    func atTheLimit() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = Self.large(5000)
        let run = try filter(input, sendmail: sendmail, ["--max-size", String(input.count)])
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == input)
    }

    @Test("the largest --max-size (Int.max, 'no limit') screens the message instead of crashing (a crash bounces it)",
          arguments: FilterCommand.allCases)
    func largestMaxSize(command: FilterCommand) throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.clean)
        let run = try filter(input, sendmail: sendmail, ["--max-size", String(Int.max)], via: command)
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == input)
    }

    @Test("a message safepostd refuses as too large (413) follows --oversize", arguments: ["tempfail", "pass"])
    func daemonTooLarge(choice: String) throws {
        let small = try MailDaemon(arguments: ["--max-body", "2048"])
        let sendmail = try FakeSendmail(directory: directory)
        let input = Self.large(6000)
        let run = try filter(input, sendmail: sendmail, socket: small.socketPath, ["--oversize", choice])
        if choice == "tempfail" {
            #expect(run.status == 75, "\(run.output)")
            #expect(run.stdout.hasPrefix("4.3.4 safepost: message too large for safepostd to screen"))
            #expect(!sendmail.ran)
        } else {
            #expect(run.status == 0, "\(run.output)")
            #expect(sendmail.input == Array("X-SafePost-Verdict: unscanned-oversize\n".utf8) + input)
        }
    }

    // MARK: arguments

    @Test("a mistake in the master.cf arguments defers (75, 4.3.5) instead of bouncing", arguments: [
        (["--bogus", "-f", "a@x", "--", "b@y"], "unknown option '--bogus'"),
        (["--", "b@y"], "-f SENDER is required"),
        (["-f", "a@x"], "no recipients"),
        (["-f", "a@x", "--"], "no recipients"),
        (["--review-mode", "redirect", "-f", "a@x", "--", "b@y"], "--review-mode redirect needs --review-address"),
        (["--review-mode", "maildir", "-f", "a@x", "--", "b@y"], "--review-mode maildir needs --quarantine DIR"),
        (["--review-mode", "hold", "-f", "a@x", "--", "b@y"], "--review-mode must be header, redirect or maildir"),
        (["--max-size", "big", "-f", "a@x", "--", "b@y"], "--max-size must be a positive number of bytes"),
        (["--deadline", "0", "-f", "a@x", "--", "b@y"], "--deadline must be a number of seconds"),
        (["--oversize", "drop", "-f", "a@x", "--", "b@y"], "--oversize must be tempfail or pass"),
        (["-f"], "-f needs a value"),
        (["-f", "a@x", "b@y"], "unexpected argument 'b@y' (recipients go after --)"),
    ])
    func badArguments(arguments: [String], message: String) throws {
        let run = try runFilter(arguments, input: mail(Self.clean))
        #expect(run.status == 75, "\(run.output)")
        #expect(run.stdout.hasPrefix("4.3.5 safepost: mail-filter is misconfigured: \(message)"), "\(run.stdout)")
    }

    @Test("--option=value and -fSENDER forms are accepted")
    func argumentForms() throws {
        let sendmail = try FakeSendmail(directory: directory)
        let run = try runFilter(["--socket=\(daemon.socketPath)", "--sendmail=\(sendmail.path)", "--deadline=30", "-f\(Self.sender)", "--", "x@elsewhere.example"],
                                input: mail(Self.clean))
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.arguments == ["-G", "-i", "-f", Self.sender, "--", "x@elsewhere.example"])
    }

    @Test("--help prints the usage and exits 0", arguments: FilterCommand.allCases)
    func help(command: FilterCommand) throws {
        let run = try runFilter(["--help"], input: [], via: command)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: \(command.rawValue) [--socket PATH]"))
        #expect(run.stdout.contains("Exit status: 0 only after the message was re-injected or quarantined"))
    }

    // MARK: both commands, and how the message arrives

    @Test("both commands: allow byte for byte, review header, block 69, daemon down 75, bad arguments 75",
          arguments: FilterCommand.allCases)
    func bothCommands(command: FilterCommand) throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = mail(Self.clean, crlf: true)
        let allow = try filter(input, sendmail: sendmail, via: command)
        #expect(allow.status == 0, "\(allow.output)")
        #expect(allow.stdout == "safepost: allow\n")
        #expect(sendmail.input == input)

        let review = try filter(mail(Self.review), sendmail: sendmail, via: command)
        #expect(review.status == 0, "\(review.output)")
        #expect(headerBlock(sendmail.input ?? []).hasPrefix("X-SafePost-Verdict: review\nX-SafePost-Findings: setting-name (setting-name)\n"))

        let block = try filter(mail(Self.block), sendmail: sendmail, via: command)
        #expect(block.status == 69, "\(block.output)")
        #expect(block.stdout.hasPrefix("5.7.1 safepost: message blocked by the setting's policy"))

        let down = try filter(input, sendmail: sendmail, socket: directory + "/nobody-here.sock", via: command)
        #expect(down.status == 75, "\(down.output)")

        let wrong = try runFilter(["--bogus", "-f", "a@x", "--", "b@y"], input: input, via: command)
        #expect(wrong.status == 75, "\(wrong.output)")
        #expect(wrong.stdout.hasPrefix("4.3.5 safepost: mail-filter is misconfigured: unknown option '--bogus'; usage: \(command.rawValue) "))
    }

    @Test("the message through a pipe, as pipe(8) sends it: a small one, one past the first read, and oversize both ways",
          arguments: [1_000, 70_000, 300_000])
    func throughPipe(size: Int) throws {
        let sendmail = try FakeSendmail(directory: directory)
        let input = Self.large(size)
        let run = try filter(input, sendmail: sendmail, throughPipe: true)
        #expect(run.status == 0, "\(run.output)")
        #expect(sendmail.input == input)

        let tempfail = try filter(input, sendmail: sendmail, socket: directory + "/unused.sock", ["--max-size", String(size - 1)], throughPipe: true)
        #expect(tempfail.status == 75, "\(tempfail.output)")
        #expect(tempfail.stdout.hasPrefix("4.3.4 safepost: message larger than --max-size \(size - 1) bytes"))

        let pass = try filter(input, sendmail: sendmail, socket: directory + "/unused.sock",
                              ["--max-size", String(size / 3), "--oversize", "pass"], throughPipe: true)
        #expect(pass.status == 0, "\(pass.output)")
        #expect(sendmail.input == Array("X-SafePost-Verdict: unscanned-oversize\n".utf8) + input)
    }

    @Test("safepost-mail-filter links no Foundation (it is started once per mail)")
    func noFoundation() throws {
        let binary = try #require(FileManager.default.contents(atPath: Paths.mailFilter))
        for needle in ["libFoundation", "libFoundationEssentials", "libswiftCore.so", "$s10Foundation", "$s20FoundationEssentials", "ArgumentParser"] {
            #expect(binary.range(of: Data(needle.utf8)) == nil, "\(Paths.mailFilter) mentions \(needle)")
        }
    }
}
