import SafepostMatching
import SafepostModel

/// A set of entity kinds as bits, for the per-draft hot path.
struct EntityMask: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// One bit per kind. Any one-to-one choice works, since every mask is built here; a switch
    /// is a few instructions where searching `allCases` was dozens, once per name mention.
    init(_ kind: EntityKind) {
        switch kind {
        case .child: rawValue = 1 << 0
        case .staff: rawValue = 1 << 1
        case .carer: rawValue = 1 << 2
        case .setting: rawValue = 1 << 3
        case .event: rawValue = 1 << 4
        case .group: rawValue = 1 << 5
        case .work: rawValue = 1 << 6
        case .negative: rawValue = 1 << 7
        case .someoneElse: rawValue = 1 << 8
        }
    }

    init(_ kinds: Set<EntityKind>) {
        self = kinds.reduce(into: EntityMask()) { $0.formUnion(EntityMask($1)) }
    }
}

/// A set of roles as bits.
struct RoleMask: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// One bit per role (any one-to-one choice works; a switch, not a search of `allCases`).
    init(_ role: Role) {
        switch role {
        case .staff: rawValue = 1 << 0
        case .student: rawValue = 1 << 1
        case .parent: rawValue = 1 << 2
        case .committee: rawValue = 1 << 3
        }
    }

    init(_ roles: Set<Role>) {
        self = roles.reduce(into: RoleMask()) { $0.formUnion(RoleMask($1)) }
    }
}

/// What the scanner needs of a rule on every draft, as plain values: reading the `Rule`
/// itself would retain and release its arrays and pattern each time.
struct RulePlan: Sendable {
    var roles: RoleMask
    var needsImage: Bool
    var window: Int32
    var marks: EntityMask
    /// Marks context only: runs only when a triggered rule needs what it marks.
    var contextOnly: Bool
    var with: EntityMask
    var near: EntityMask
    var nearDistance: Int32
    var unless: EntityMask
    var unlessDistance: Int32
    /// The rule's pattern, and the pattern compiled anchored, without reference counting: the
    /// rule set holds the rules, so these stay valid while the plan can be read.
    var code: PatternCode?
    var anchoredCode: PatternCode?

    init(_ rule: Rule) {
        roles = RoleMask(rule.roles)
        needsImage = rule.needsImage
        window = Int32(rule.window)
        marks = rule.marks.map(EntityMask.init) ?? []
        contextOnly = rule.marks != nil && rule.category == nil
        with = EntityMask(rule.with)
        near = rule.near.map { EntityMask($0.kinds) } ?? []
        nearDistance = Int32(rule.near?.distance ?? 0)
        unless = rule.unless.map { EntityMask($0.kinds) } ?? []
        unlessDistance = Int32(rule.unless?.distance ?? 0)
        code = rule.pattern?.unownedCode
        anchoredCode = rule.anchoredPattern?.unownedCode
    }
}

extension RulePlan {
    /// Whether the rule runs at all for a draft by `role`: it marks context (which any rule
    /// may need), or reports for that role; and it has the image it needs, if any.
    @inline(__always)
    func applies(to role: RoleMask, hasImage: Bool) -> Bool {
        (!marks.isEmpty || roles.contains(role)) && (!needsImage || hasImage)
    }

    /// The entity kinds this rule needs when it runs: none for a context-only rule, which
    /// runs only when another needs it.
    @inline(__always)
    var neededKinds: EntityMask {
        contextOnly ? [] : with.union(near).union(unless)
    }
}
