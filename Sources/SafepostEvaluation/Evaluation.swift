import SafepostModel

/// Scores screening results against a labelled corpus.
///
/// "Flagged" means a verdict other than allow; "positive" means a non-empty `expect`. The flagged/allowed
/// counts, precision, recall and F1 cover non-neutral drafts only. Per-category recall asks, for each
/// draft that expects a category, whether that category is among the findings' categories (of every
/// draft, flagged or not). A reported category in neither `expect` nor `may` is an unexpected report,
/// counted on every draft, neutral ones included.
public struct Evaluation: Sendable {
    /// How one category fared across the corpus.
    public struct CategoryScore: Sendable, Equatable {
        /// Drafts that expect the category.
        public var expected = 0
        /// Of those, drafts where it was reported.
        public var found = 0
        /// Drafts where it was reported though it is in neither `expect` nor `may`.
        public var unexpected = 0

        public init(expected: Int = 0, found: Int = 0, unexpected: Int = 0) {
            self.expected = expected
            self.found = found
            self.unexpected = unexpected
        }

        /// `found / expected`, or nil when nothing expects the category.
        public var recall: Double? { expected == 0 ? nil : Double(found) / Double(expected) }
    }

    /// A draft the screening got (partly) wrong.
    public struct Miss: Sendable, Equatable {
        public var id: String
        public var line: Int
        public var note: String
        /// The draft's text, for the report (corpus text is test data).
        public var text: String
        public var expected: [Category]
        public var acceptable: [Category]
        /// The categories reported, in their fixed order.
        public var got: [Category]
        public var verdict: Verdict
        /// For category misses, the expected categories not reported; for unexpected reports, the
        /// categories reported that were neither expected nor acceptable; empty otherwise.
        public var categories: [Category]
    }

    /// The drafts behind each kind of error, in the order they were recorded.
    public struct Misses: Sendable, Equatable {
        /// Positive drafts that were allowed.
        public var falseNegatives: [Miss] = []
        /// Drafts with an empty `expect` and `may` that were flagged.
        public var falsePositives: [Miss] = []
        /// Flagged positive drafts where some expected category was not reported (allowed positive
        /// drafts are listed as false negatives instead, though they count in per-category recall).
        public var categoryMisses: [Miss] = []
        /// Drafts (neutral ones included) that reported a category in neither `expect` nor `may`.
        public var unexpectedReports: [Miss] = []
    }

    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    public private(set) var trueNegatives = 0
    /// Drafts with nothing expected but something acceptable; not in the four counts above.
    public private(set) var neutral = 0
    public private(set) var categoryScores: [Category: CategoryScore] = [:]
    public private(set) var misses = Misses()

    public init() {}

    /// Adds one draft's result. The draft's id and line are what the report shows.
    public mutating func record(_ draft: LabelledDraft, _ result: ScreeningResult) {
        let got = result.categories
        let reported = Set(got)
        let flagged = result.verdict != .allow
        func miss(_ categories: [Category]) -> Miss {
            Miss(id: draft.request.id, line: draft.line, note: draft.note, text: draft.request.text,
                 expected: draft.expect.sorted(), acceptable: draft.may.sorted(), got: got,
                 verdict: result.verdict, categories: categories)
        }

        if draft.isNeutral {
            neutral += 1
        } else if draft.isPositive {
            if flagged { truePositives += 1 } else { falseNegatives += 1; misses.falseNegatives.append(miss([])) }
        } else {
            if flagged { falsePositives += 1; misses.falsePositives.append(miss([])) } else { trueNegatives += 1 }
        }

        let missing = draft.expect.subtracting(reported).sorted()
        for category in draft.expect {
            categoryScores[category, default: CategoryScore()].expected += 1
            if reported.contains(category) { categoryScores[category, default: CategoryScore()].found += 1 }
        }
        if flagged, !missing.isEmpty { misses.categoryMisses.append(miss(missing)) }

        let unexpected = reported.subtracting(draft.expect).subtracting(draft.may).sorted()
        for category in unexpected { categoryScores[category, default: CategoryScore()].unexpected += 1 }
        if !unexpected.isEmpty { misses.unexpectedReports.append(miss(unexpected)) }
    }

    /// Drafts in the four flagged/allowed counts.
    public var scored: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    /// Every recorded draft.
    public var total: Int { scored + neutral }

    /// TP / (TP + FP), or nil when nothing was flagged.
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// TP / (TP + FN), or nil when no draft is positive.
    public var recall: Double? {
        truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    /// The harmonic mean of precision and recall (0 when both are 0), or nil when either is undefined.
    public var f1: Double? {
        guard let p = precision, let r = recall else { return nil }
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// The score of one category (all zero when it never came up).
    public func score(for category: Category) -> CategoryScore {
        categoryScores[category] ?? CategoryScore()
    }
}
