import SafepostModel

/// A set of entity kinds as bits, for the per-draft hot path.
struct EntityMask: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init(_ kind: EntityKind) {
        rawValue = 1 << UInt16(EntityKind.allCases.firstIndex(of: kind)!)
    }

    init(_ kinds: Set<EntityKind>) {
        self = kinds.reduce(into: EntityMask()) { $0.formUnion(EntityMask($1)) }
    }
}

/// A set of roles as bits.
struct RoleMask: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ role: Role) {
        rawValue = 1 << UInt8(Role.allCases.firstIndex(of: role)!)
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

    init(_ rule: Rule) {
        roles = RoleMask(rule.roles)
        needsImage = rule.needsImage
        window = Int32(rule.window)
        marks = rule.marks.map(EntityMask.init) ?? []
        contextOnly = rule.marks != nil && rule.category == nil
        with = EntityMask(rule.with)
        near = rule.near.map { EntityMask($0.kinds) } ?? []
        nearDistance = Int32(rule.near?.distance ?? 0)
    }
}
