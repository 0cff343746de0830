import ArgumentParser
import Foundation
import SafepostEvaluation
import SafepostModel
import SafepostScanning

/// `safepost rules check --cost CORPUS.jsonl`: how often each rule's pattern ran over a corpus's
/// drafts, worst first, and which rules ran on more than `limit` of them (a rule that lost its
/// prefilter). Prints counts and rule ids only, never a draft's text.
///
/// Exit status: 0 when no rule is over the limit, 1 when one is, 2 when the corpus cannot be
/// read or a draft fails to scan.
struct RuleCostCheck {
    let corpus: String
    let limit: Double

    func run(_ rules: RuleSet) throws {
        guard limit >= 0 && limit <= 1 else {
            Console.error("safepost: --cost-limit must lie between 0 and 1")
            throw ExitCode(ExitStatus.error)
        }
        guard let data = FileManager.default.contents(atPath: corpus) else {
            Console.error("safepost: cannot read \(corpus)")
            throw ExitCode(ExitStatus.error)
        }
        let (drafts, errors) = CorpusReader.read(jsonl: Array(data), source: corpus)
        for e in errors { Console.error("safepost: \(e)") }
        guard errors.isEmpty else { throw ExitCode(ExitStatus.error) }
        let report: RuleCostReport
        do {
            report = try RuleCostReport.measure(drafts.map(\.request), rules: rules, now: .current)
        } catch {
            Console.error("safepost: \(corpus): scanning failed: \(error)")
            throw ExitCode(ExitStatus.error)
        }
        try Output.text(render(report) + "\n")
        if !report.costly(limit: limit).isEmpty { throw ExitCode(ExitStatus.flagged) }
    }

    func render(_ report: RuleCostReport) -> String {
        var lines = ["cost: \(report.drafts) drafts, \(report.totalRuns) pattern runs, \(format(report.runsPerDraft, 2)) a draft; runs per 1,000 drafts, share of drafts run on:"]
        for cost in report.worstFirst where cost.runs > 0 {
            let flag = report.isCostly(cost, limit: limit) ? "  COSTLY" : ""
            lines.append("  \(format(report.runsPerThousandDrafts(cost), 0).leftPadded(7))  \(format(report.share(cost) * 100, 1).leftPadded(5)) %  \(cost.rule)\(flag)")
        }
        let costly = report.costly(limit: limit)
        lines.append(costly.isEmpty
            ? "cost: ok — no rule runs its pattern on more than \(format(limit * 100, 0)) % of drafts"
            : "cost: \(costly.count) rule\(costly.count == 1 ? "" : "s") run on more than \(format(limit * 100, 0)) % of drafts: \(costly.map(\.rule).joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
