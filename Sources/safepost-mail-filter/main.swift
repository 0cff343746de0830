// safepost-mail-filter: the Postfix pipe(8) content filter as its own small executable.
//
// Postfix starts the filter once per message, so its start-up is part of every mail's cost.
// This executable links only the filter (SafepostMailFilter: MIME, the socket client, the JSON
// contract, POSIX), no Foundation and no ArgumentParser (it would bring Foundation), and is built
// with the Swift runtime linked in statically, so exec is followed by little more than libc's own
// start-up. The arguments are the same as `safepost mail-filter`'s; see docs/postfix.md.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafepostMailFilter

let command = "safepost-mail-filter"
let arguments = Array(CommandLine.arguments.dropFirst())
if let first = arguments.first, first == "--help" || first == "-h" {
    MailFilterText.emit("USAGE: " + MailFilterOptions.usage(for: command) + "\n\n" + MailFilterOptions.discussion)
    exit(0)
}
let outcome = MailFilterRun.run(arguments, command: command)
MailFilterText.emit(outcome.line)
exit(outcome.status)
