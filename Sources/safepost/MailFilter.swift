import ArgumentParser
import SafepostMailFilter

/// `safepost mail-filter`: a Postfix simple content filter (pipe(8)). Reads one message on standard
/// input, has safepostd screen it, and re-injects it with sendmail, holds it for review, or
/// bounces it — never losing it: every failure exits 75 so that Postfix keeps the message.
///
/// The same filter as the `safepost-mail-filter` executable (both run `MailFilterRun`), which is
/// what master.cf should name: it starts several times faster (no Foundation, no ArgumentParser,
/// the Swift runtime linked in), and Postfix starts the filter once per message.
struct MailFilter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-filter",
        abstract: "Screen one mail from Postfix (pipe(8)) through safepostd and hand it back.",
        usage: MailFilterOptions.usage,
        discussion: MailFilterOptions.discussion
    )

    @Argument(parsing: .captureForPassthrough, help: "The options above, then -f SENDER -- RECIPIENT...")
    var arguments: [String] = []

    func run() throws {
        if let first = arguments.first, first == "--help" || first == "-h" {
            print(MailFilter.helpMessage())
            return
        }
        let exit = MailFilterRun.run(arguments)
        MailFilterText.emit(exit.line)
        if exit.status != MailFilterStatus.delivered { throw ExitCode(exit.status) }
    }
}
