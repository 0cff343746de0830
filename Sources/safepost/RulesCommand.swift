import ArgumentParser
import SafepostRules
import SafepostScanning

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

        @Option(name: .long, help: ArgumentHelp(
            "Also screen the drafts of CORPUS.jsonl and print each rule's pattern runs per 1,000 drafts, worst first; exits 1 if a rule runs on more than the share of drafts --cost-limit allows.",
            valueName: "CORPUS.jsonl"))
        var cost: String?

        @Option(name: .long, help: "With --cost: the share of drafts (0 to 1) above which a rule is flagged.")
        var costLimit: Double = RuleCostReport.defaultShareLimit

        func run() throws {
            let dir = RulesLocation.resolve(directory)
            let loaded: RulesLoader.Loaded
            do {
                loaded = try RulesLoader.load(directory: dir)
            } catch {
                for d in error.diagnostics { try Output.text("\(d)\n") }
                let count = error.diagnostics.filter { $0.level == .error }.count
                Console.error("\(dir): \(count) error\(count == 1 ? "" : "s")")
                throw ExitCode(ExitStatus.error)
            }
            for w in loaded.warnings { try Output.text("\(w)\n") }
            let set = loaded.ruleSet
            try Output.text("\(dir): ok — \(set.rules.count) rules, \(set.roster.childCount) children, \(set.roster.staffCount) staff, \(set.roster.carerCount) carers, \(set.markers.count) markers; version \(set.version)\n")
            try printPrefilter(set.rules)
            if let cost { try RuleCostCheck(corpus: cost, limit: costLimit).run(set) }
        }

        /// Says how each pattern is found: at the leading words read from it (fastest), around
        /// its hand-written triggers, only in drafts with a non-ASCII character (a pattern whose
        /// matches all start with one, such as emoji), or by searching every draft.
        private func printPrefilter(_ rules: [Rule]) throws {
            let patterns = rules.filter { $0.pattern != nil }
            let anchored = patterns.filter { $0.leadingWords != nil }
            let triggered = patterns.filter { $0.leadingWords == nil && !$0.triggers.isEmpty }.map(\.id)
            let untriggered = patterns.filter { $0.leadingWords == nil && $0.triggers.isEmpty }
            let nonASCII = untriggered.filter { $0.pattern?.startsWithNonASCII == true }.map(\.id)
            let everywhere = untriggered.filter { $0.pattern?.startsWithNonASCII != true }.map(\.id)
            var line = "prefilter: \(anchored.count) of \(patterns.count) patterns run at their leading words"
            if !triggered.isEmpty { line += "; around triggers: \(triggered.joined(separator: ", "))" }
            if !nonASCII.isEmpty { line += "; on drafts with a non-ASCII character: \(nonASCII.joined(separator: ", "))" }
            if !everywhere.isEmpty { line += "; on every draft: \(everywhere.joined(separator: ", "))" }
            try Output.text(line + "\n")
        }
    }
}
