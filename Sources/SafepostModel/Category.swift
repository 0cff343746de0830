/// The fixed policy categories a finding belongs to. Their raw values are part of the wire contract.
public enum Category: String, CaseIterable, Sendable, Hashable, Comparable {
    case childMention = "child-mention"
    case personalInfo = "personal-info"
    case settingName = "setting-name"
    case workplaceRemark = "workplace-remark"
    case photo = "photo"
    case parentContact = "parent-contact"
    case learningJourney = "learning-journey"
    case safeguarding = "safeguarding"
    case workingHours = "working-hours"

    public static func < (lhs: Category, rhs: Category) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// The case's place in declaration order (the order of `allCases`), without building
    /// `allCases` (an array allocated per call) to search it: sorting findings compares these.
    package var ordinal: Int {
        switch self {
        case .childMention: 0
        case .personalInfo: 1
        case .settingName: 2
        case .workplaceRemark: 3
        case .photo: 4
        case .parentContact: 5
        case .learningJourney: 6
        case .safeguarding: 7
        case .workingHours: 8
        }
    }

    /// The placeholder that replaces a finding's span in the redacted draft.
    public var placeholder: String {
        switch self {
        case .childMention: "[child]"
        case .personalInfo: "[personal]"
        case .settingName: "[setting]"
        case .workplaceRemark: "[remark]"
        case .photo: "[photo]"
        case .parentContact: "[contact]"
        case .learningJourney: "[learning-journey]"
        case .safeguarding: "[concern]"
        case .workingHours: "[working-hours]"
        }
    }
}

/// How serious a finding is; also the verdict it asks for unless the policy overrides it.
public enum Severity: String, CaseIterable, Sendable, Comparable {
    case review
    case block

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .review && rhs == .block
    }
}

/// The outcome for one draft, ordered from harmless to stopped.
public enum Verdict: String, Sendable, Comparable {
    case allow
    case review
    case block

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .allow: 0
        case .review: 1
        case .block: 2
        }
    }

    public init(_ severity: Severity) {
        self = severity == .block ? .block : .review
    }
}

/// Who wrote a draft. A request without an author is screened as staff (the strictest rules).
public enum Role: String, CaseIterable, Sendable, Hashable {
    case staff
    case student
    case parent
    case committee

    /// Staff and students are bound by the staff section of the policy.
    public var isStaffLike: Bool { self == .staff || self == .student }
}
