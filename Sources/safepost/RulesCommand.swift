import ArgumentParser
import SafepostRules

/// `safepost rules check [DIR]`: validate a Rules folder.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with a Rules folder.", subcommands: [CheckRules.self]
    )

    struct CheckRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a Rules folder: data files, policy, patterns and every rule's examples."
        )

        @Argument(help: "The Rules folder (default as for --rules).")
        var directory: String?

        func run() throws {
            let dir = RulesLocation.resolve(directory)
            do {
                let loaded = try RulesLoader.load(directory: dir)
                for w in loaded.warnings { print(w) }
                let set = loaded.ruleSet
                print("\(dir): ok — \(set.rules.count) rules, \(set.roster.childCount) children, \(set.roster.staffCount) staff, \(set.roster.carerCount) carers, \(set.markers.count) markers; version \(set.version)")
            } catch {
                for d in error.diagnostics { print(d) }
                let count = error.diagnostics.filter { $0.level == .error }.count
                Console.error("\(dir): \(count) error\(count == 1 ? "" : "s")")
                throw ExitCode(ExitStatus.error)
            }
        }
    }
}
