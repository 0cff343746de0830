import ArgumentParser

/// The `safepost` command line: screen drafts, check a Rules folder, evaluate a corpus.
@main
struct Safepost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safepost",
        abstract: "Screen outgoing drafts against an early-years setting's social-networking policy.",
        discussion: """
            Exit status: 0 every draft allowed; 1 a draft flagged (review or block); \
            2 an error (bad input, unreadable or broken rules, scanning failure).
            """,
        subcommands: [Check.self, RulesCommand.self, Eval.self, Concerns.self, MailFilter.self]
    )

    /// A reader that goes away mid-output is a reported error (exit 2), not a death by SIGPIPE.
    static func main() {
        StandardStream.reportBrokenPipes()
        main(nil)
    }
}

/// Exit codes shared by the subcommands.
enum ExitStatus {
    static let clean: Int32 = 0
    static let flagged: Int32 = 1
    static let error: Int32 = 2
}

/// Where the Rules folder is, shared by every subcommand.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: "The Rules folder (default: $SAFEPOST_RULES, ./Rules, then /etc/safepost/rules).")
    var rules: String?

    var directory: String {
        RulesLocation.resolve(rules)
    }
}
