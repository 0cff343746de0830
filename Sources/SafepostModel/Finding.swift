/// Which part of the request a finding's offsets refer to.
public enum Field: String, Sendable, Equatable {
    case text
    case subject
    case attachments
    case sentAt = "sent_at"
}

/// One breach found in a draft. `start`/`end` are UTF-8 byte offsets into the original `field`.
public struct Finding: Sendable, Equatable {
    public var category: Category
    public var rule: String
    public var clause: String
    public var severity: Severity
    public var field: Field
    public var start: Int
    public var end: Int
    /// The original text of the span (empty for findings without a span, such as working hours).
    public var match: String

    public init(
        category: Category, rule: String, clause: String, severity: Severity,
        field: Field = .text, start: Int, end: Int, match: String
    ) {
        self.category = category
        self.rule = rule
        self.clause = clause
        self.severity = severity
        self.field = field
        self.start = start
        self.end = end
        self.match = match
    }
}

/// The answer for one request: the verdict, what was found, and the draft with findings redacted.
public struct ScreeningResult: Sendable, Equatable {
    /// At most this many findings of one rule are listed: a draft that is a name 200,000 times
    /// would otherwise get an answer fifty times its size (each finding quotes its clause). Every
    /// rule that found something keeps findings in the list, so no category goes unreported.
    public static let listedPerRule = 100

    public var id: String
    public var verdict: Verdict
    public var findings: [Finding]
    public var redacted: String
    /// How many findings are not in `findings` because their rule already had `listedPerRule`
    /// there. The verdict and the redacted copy count them all.
    public var omittedFindings: Int

    public init(id: String, verdict: Verdict, findings: [Finding], redacted: String, omittedFindings: Int = 0) {
        self.id = id
        self.verdict = verdict
        self.findings = findings
        self.redacted = redacted
        self.omittedFindings = omittedFindings
    }

    /// The distinct categories reported, in their fixed order.
    public var categories: [Category] {
        Array(Set(findings.map(\.category))).sorted()
    }
}
