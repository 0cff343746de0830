import ArgumentParser
import Foundation
import SafepostEvaluation
import SafepostModel
import SafepostScanning
import SafepostWire

/// `safepost eval CORPUS.jsonl`: precision, recall and F1 of flagged versus clean on a labelled corpus.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the rules against a labelled corpus and list the misses."
    )

    @Argument(help: "Labelled JSON lines (see Corpus/README.md).")
    var corpus: [String]

    @OptionGroup var rules: RulesOption

    @Option(help: "The screening time for drafts without sent_at (ISO 8601; default now).")
    var now: String?

    func run() throws {
        let ruleSet = try RulesLocation.load(rules.directory)
        let scanner = DraftScanner(rules: ruleSet)
        var evaluation = Evaluation()
        let when = now.flatMap { TimestampParser.parse($0) } ?? .current
        var failed = false
        for path in corpus {
            guard let data = FileManager.default.contents(atPath: path) else {
                Console.error("safepost: cannot read \(path)")
                throw ExitCode(ExitStatus.error)
            }
            let (drafts, errors) = CorpusReader.read(jsonl: Array(data), source: path)
            for e in errors {
                Console.error("safepost: \(e)")
                failed = true
            }
            for draft in drafts {
                do {
                    evaluation.record(draft, try scanner.screen(draft.request, now: when))
                } catch {
                    Console.error("safepost: \(path):\(draft.line): scanning failed: \(error)")
                    failed = true
                }
            }
        }
        try Output.text(evaluation.render())
        if failed { throw ExitCode(ExitStatus.error) }
    }
}
