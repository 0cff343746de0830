/// What the pass over a draft's rule words reads of one dictionary entry, in one small read:
/// the rules whose matches start with it, the rules it triggers, and for which drafts some
/// rule starts with it followed by particular words. A `TokenInfo` also holds the entry's word
/// classes and names, which this pass never needs.
///
/// Each kind of work comes with the `RulePlan.appliesKeys` of its rules, OR-ed: one AND with
/// the draft's key tells both that the list is not empty and that some rule of it applies to
/// the draft, so a word whose rules are all for other roles costs no probe and no visit.
struct RuleWordEntry: Sendable {
    /// Rules whose matches can start with this word, whatever follows: a range into `RuleSet.anchors`.
    var anchors: Range<Int32>
    /// Rules whose pattern this word triggers: a range into `RuleSet.triggerRules`.
    var triggers: Range<Int32>
    /// The union of the applies keys of `anchors` (0 when there are none).
    var anchorsApply: UInt8
    /// The union of the applies keys of the rules of `triggers` (0 when there are none).
    var triggersApply: UInt8
    /// The union of the applies keys of the rules whose matches start with this word followed
    /// by particular words (see `RuleSet.anchorPairs`; 0 when there are none).
    var pairsApply: UInt8

    init(_ info: TokenInfo, anchorsApply: UInt8, triggersApply: UInt8, pairsApply: UInt8) {
        anchors = info.anchors
        triggers = info.triggers
        self.anchorsApply = anchorsApply
        self.triggersApply = triggersApply
        self.pairsApply = pairsApply
    }
}

/// A rule whose matches can start with a word: what the pass over the words needs to plan it,
/// precomputed from its `RulePlan` into 16 bytes, so that adding it is a few plain reads.
struct AnchorEntry: Sendable, Equatable {
    var rule: Int32
    /// The word whose anchored match is known without running the pattern: an index into
    /// `RuleSet.exactWords`, or -1.
    var exact: Int32
    /// `RulePlan.neededKinds`.
    var needed: EntityMask
    /// For which roles, with and without an image, the rule applies (see `RulePlan.appliesKeys`).
    var applies: UInt8
    /// The rule marks entities (runs in the first round).
    var marks: Bool
    /// The rule's `with` kinds when all of them are kinds the roster and setting readers can give
    /// (`EntityMask.fromReaders`), else empty: a draft whose readers found none of them plans no
    /// anchor for the rule until a marking rule gives one (see `RuleWordTables.isDeferred`).
    /// Empty for a marking rule (the loader refuses `with` and `near` there).
    var withGate: EntityMask
    /// The same for the rule's `near` kinds.
    var nearGate: EntityMask

    init(rule: Int32, plan: RulePlan, exact: Int32 = -1) {
        self.rule = rule
        self.exact = exact
        needed = plan.neededKinds
        applies = plan.appliesKeys
        marks = !plan.marks.isEmpty
        let fromReaders = EntityMask.fromReaders
        withGate = plan.marks.isEmpty && fromReaders.isSuperset(of: plan.with) ? plan.with : []
        nearGate = plan.marks.isEmpty && fromReaders.isSuperset(of: plan.near) ? plan.near : []
    }
}

extension EntityMask {
    /// The kinds the roster and setting readers find before any pattern runs: child, staff,
    /// carer, setting (marking rules may add more of them).
    static let fromReaders: EntityMask = [EntityMask(.child), EntityMask(.staff), EntityMask(.carer), EntityMask(.setting)]
}

extension RulePlan {
    /// `applies(to:hasImage:)` for every role at once, as bits: the role's bit for drafts
    /// without an image, and the same bit four places up for drafts with one. Test it with
    /// `appliesKey(role:hasImage:)`: one AND instead of several branches.
    var appliesKeys: UInt8 {
        let withImage: UInt8 = marks.isEmpty ? roles.rawValue : 0x0F
        let withoutImage: UInt8 = needsImage ? 0 : withImage
        return withoutImage | withImage << 4
    }

    /// The bit of `appliesKeys` that says whether a rule applies to a draft by `role`.
    @inline(__always)
    static func appliesKey(role: RoleMask, hasImage: Bool) -> UInt8 {
        hasImage ? role.rawValue << 4 : role.rawValue
    }
}
