import SafepostMatching
import SafepostModel

/// Something a draft refers to, found by the built-in detectors or by rules that `mark` it.
/// Rules use them as context: `near child 80`, `with staff setting`.
public enum EntityKind: String, CaseIterable, Sendable {
    case child
    case staff
    case carer
    case setting
    case event
    case group
    case work
    /// Negative feeling ("again", "killing me", 🙃), for remarks about work.
    case negative
    /// Someone other than the author as the subject of what follows ("my husband had", "hubby's
    /// had", "she's had"): a remark about a day at work after it is theirs, not the author's.
    case someoneElse = "someone-else"
}

/// The built-in detectors a rule can switch on and give a category, clause and severity.
public enum Detector: String, CaseIterable, Sendable {
    /// Roster children by name, alias, initials, misspelling or family name.
    case childName = "child-name"
    /// The setting's name in any recognisable form.
    case settingName = "setting-name"
    /// The draft's `sent_at` inside the policy's working hours.
    case workingHours = "working-hours"
    /// An image attachment (combine with `with` for its context).
    case imageAttachment = "image-attachment"
    /// A carer of carers.csv tagged by a handle made of their name ("@ngozi.okafor",
    /// "@shannon_sutcliffe", "@ShannonSutcliffe"; see `Scan.isCarerHandle`).
    case carerHandle = "carer-handle"
    /// A member of staff of staff.csv tagged by a handle made of their name, the same way
    /// ("@kirsty.marshall", "@kirstymarshall_x").
    case staffHandle = "staff-handle"
}

/// One compiled rule: what it looks for, where it applies, and what it reports.
public struct Rule: Sendable {
    public var id: String
    /// The category it reports; nil for a context rule that only marks entities.
    public var category: Category?
    public var clause: String
    /// Clauses that replace `clause` for some roles (the parents' section of a policy).
    public var clauseByRole: [Role: String] = [:]
    public var severity: Severity
    public var roles: Set<Role>
    /// Either a detector or a pattern (or, for `image-attachment`, neither but context).
    public var detector: Detector?
    public var pattern: Pattern?
    /// Lowercase words of which at least one must occur for the pattern to run (the prefilter).
    /// Empty means the pattern runs on every draft.
    public var triggers: [String]
    /// The pattern runs within this many bytes either side of each trigger.
    public var window: Int
    /// The words every match starts with (and the words that may follow them), when the
    /// loader could read them from the pattern (see `LeadingWords`). Such a rule runs
    /// `anchoredPattern` at those words only, and its `triggers` and `window` are not needed.
    public var leadingWords: [LeadingWord]?
    /// `pattern` compiled anchored, for running at leading words.
    public var anchoredPattern: Pattern?
    /// `anchoredPattern` without the alternatives that cannot start with a letter, for the
    /// first letters of the leading words at which it loses some (see `FirstLetterVariants`):
    /// run at a word starting with that letter, it finds the same and fails sooner.
    public var anchoredByFirstLetter: [UInt8: Pattern] = [:]
    /// Each match must lie within `near.distance` bytes of an entity of one of these kinds.
    public var near: (kinds: Set<EntityKind>, distance: Int)?
    /// A match is not reported when an entity of one of these kinds starts before it and ends
    /// at most `unless.distance` bytes before its start, or reaches into it (the words right
    /// before it).
    public var unless: (kinds: Set<EntityKind>, distance: Int)?
    /// The draft must contain an entity of one of these kinds.
    public var with: Set<EntityKind>
    /// The draft must carry an image attachment.
    public var needsImage: Bool
    /// Matches of this rule become entities of this kind for other rules.
    public var marks: EntityKind?
    public var examples: [RuleExample]
    /// Where the rule was defined, for diagnostics ("rules/child.rules:12").
    public var location: String

    public init(
        id: String, category: Category?, clause: String, severity: Severity, roles: Set<Role>,
        detector: Detector? = nil, pattern: Pattern? = nil, triggers: [String] = [], window: Int = 240,
        near: (kinds: Set<EntityKind>, distance: Int)? = nil, unless: (kinds: Set<EntityKind>, distance: Int)? = nil,
        with: Set<EntityKind> = [], needsImage: Bool = false, marks: EntityKind? = nil, examples: [RuleExample] = [], location: String = ""
    ) {
        self.id = id
        self.category = category
        self.clause = clause
        self.severity = severity
        self.roles = roles
        self.detector = detector
        self.pattern = pattern
        self.triggers = triggers
        self.window = window
        self.near = near
        self.unless = unless
        self.with = with
        self.needsImage = needsImage
        self.marks = marks
        self.examples = examples
        self.location = location
    }

    /// The clause quoted to an author in `role`.
    public func clause(for role: Role) -> String { clauseByRole[role] ?? clause }
}

/// A draft a rule must (or must not) report, checked when the rules load.
/// `{child}`, `{staff}`, `{carer}` and `{setting}` are replaced from the roster, so examples
/// stay valid when another setting's data files are dropped in.
public struct RuleExample: Sendable, Equatable {
    public var text: String
    public var shouldMatch: Bool
    public var role: Role?
    public var image = false
    public var sentAt: Timestamp?
    /// `sent=inside` or `sent=outside`: sent at a time inside (true) or outside (false) the
    /// policy's working hours, found when the examples are checked, so that a setting that
    /// changes its hours keeps its examples.
    public var sentInsideHours: Bool?
    public var author: String?
    public var line: Int

    public init(text: String, shouldMatch: Bool, role: Role? = nil, line: Int) {
        self.text = text
        self.shouldMatch = shouldMatch
        self.role = role
        self.line = line
    }
}
