import SafepostModel

/// What one rule's pattern cost over a list of drafts.
public struct RuleCost: Sendable, Equatable {
    /// The rule's id.
    public var rule: String
    /// Drafts on which its pattern ran at least once.
    public var draftsRun: Int
    /// Its PCRE2 pattern runs over all the drafts.
    public var runs: Int

    public init(rule: String, draftsRun: Int, runs: Int) {
        self.rule = rule
        self.draftsRun = draftsRun
        self.runs = runs
    }
}

/// Per rule with a pattern, how often PCRE2 ran it while a list of drafts was screened: the
/// cost the prefilter is meant to keep small (a pattern runs only at its leading words, or
/// around its triggers). A rule whose pattern runs on a large share of ordinary drafts has
/// lost its prefilter, and makes every draft dearer though it finds the same things.
public struct RuleCostReport: Sendable {
    /// The share of drafts above which a rule is flagged (`isCostly`): the shipped rules'
    /// worst runs on 18.4 % of `Corpus/drafts.jsonl`, a rule that lost its prefilter on half or
    /// all of them (docs/rules.md, "Checking a rule's cost").
    public static let defaultShareLimit = 0.35

    /// How many drafts were screened.
    public let drafts: Int
    /// One entry per rule with a pattern, in the rule set's order.
    public let rules: [RuleCost]

    public init(drafts: Int, rules: [RuleCost]) {
        self.drafts = drafts
        self.rules = rules
    }

    /// Screens `requests` with a new scanner for `rules` and counts each pattern's runs.
    /// - Throws: the first `ScanError`, as screening would.
    public static func measure(
        _ requests: some Sequence<ScreeningRequest>, rules ruleSet: RuleSet, now: Timestamp
    ) throws(ScanError) -> RuleCostReport {
        let scanner = DraftScanner(rules: ruleSet)
        let measured = ruleSet.rules.indices.filter { ruleSet.rules[$0].pattern != nil }
        var before = [Int](repeating: 0, count: measured.count)
        var draftsRun = [Int](repeating: 0, count: measured.count)
        var drafts = 0
        for request in requests {
            _ = try scanner.screen(request, now: now)
            drafts += 1
            for (k, r) in measured.enumerated() {
                let runs = scanner.patternRuns(ofRule: r)
                if runs > before[k] { draftsRun[k] += 1 }
                before[k] = runs
            }
        }
        let costs = measured.enumerated().map { k, r in
            RuleCost(rule: ruleSet.rules[r].id, draftsRun: draftsRun[k], runs: before[k])
        }
        return RuleCostReport(drafts: drafts, rules: costs)
    }

    /// All rules' pattern runs.
    public var totalRuns: Int { rules.reduce(0) { $0 + $1.runs } }

    /// Pattern runs per draft, all rules together.
    public var runsPerDraft: Double { drafts == 0 ? 0 : Double(totalRuns) / Double(drafts) }

    /// The share of drafts (0...1) on which `cost`'s rule ran its pattern.
    public func share(_ cost: RuleCost) -> Double {
        drafts == 0 ? 0 : Double(cost.draftsRun) / Double(drafts)
    }

    /// `cost`'s runs per 1,000 drafts.
    public func runsPerThousandDrafts(_ cost: RuleCost) -> Double {
        drafts == 0 ? 0 : Double(cost.runs) * 1000 / Double(drafts)
    }

    /// The rules, most runs first (ties in the rule set's order).
    public var worstFirst: [RuleCost] {
        rules.enumerated().sorted { ($0.element.runs, $1.offset) > ($1.element.runs, $0.offset) }.map(\.element)
    }

    /// Whether `cost`'s rule ran its pattern on more than `limit` of the drafts.
    public func isCostly(_ cost: RuleCost, limit: Double = defaultShareLimit) -> Bool {
        share(cost) > limit
    }

    /// The rules over `limit`, worst first.
    public func costly(limit: Double = defaultShareLimit) -> [RuleCost] {
        worstFirst.filter { isCostly($0, limit: limit) }
    }
}
