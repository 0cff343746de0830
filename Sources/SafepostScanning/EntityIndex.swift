/// The draft's entities sorted by start, to answer "is an entity of these kinds within N bytes
/// of this match?" (`near`) or "just before it?" (`unless`) by looking only at the entities
/// around the match.
///
/// A long text can hold thousands of entities and thousands of matches of a `near` rule;
/// scanning every entity for every match would be quadratic. Built once the entity-marking
/// rules have run (the entities no longer change), reused across drafts without allocating.
struct EntityIndex {
    private var sorted: [Entity] = []
    /// The longest entity, which bounds how far before a match a near entity can start.
    private var longest: Int32 = 0
    private(set) var isBuilt = false

    mutating func reset() {
        isBuilt = false
    }

    /// Whether the last build indexed any entity.
    var hasEntries: Bool { !sorted.isEmpty }

    /// `build([])` when nothing is indexed yet, without the call: most drafts have no entities.
    mutating func markBuiltEmpty() {
        isBuilt = true
        longest = 0
    }

    mutating func build(_ entities: [Entity]) {
        isBuilt = true
        longest = 0
        if entities.isEmpty && sorted.isEmpty { return }  // most drafts: nothing to sort
        sorted.clear()
        sorted.append(contentsOf: entities)
        sorted.sortWithoutAllocating { $0.start }
        for e in sorted { longest = max(longest, e.end - e.start) }
    }

    /// True if an entity of one of `kinds` lies within `distance` bytes of `s..<e`.
    func containsEntity(of kinds: EntityMask, within distance: Int32, of s: Int32, _ e: Int32) -> Bool {
        // Entities starting after e + distance are too far; so is every entity that starts
        // before s - distance - longest (it ends before s - distance).
        containsEntity(of: kinds, startingFrom: s - distance, upTo: e + distance) { $0.gap(to: s, e) <= distance }
    }

    /// True if an entity of one of `kinds` starts before `s` and ends at most `distance` bytes
    /// before it, or reaches into or past it, for `unless`.
    func containsEntity(of kinds: EntityMask, endingWithin distance: Int32, before s: Int32) -> Bool {
        // Entities that start at or after s do not count; one that starts before
        // s - distance - longest ends more than `distance` bytes before s.
        containsEntity(of: kinds, startingFrom: s - distance, upTo: s - 1) { $0.endsJustBefore(s, within: distance) }
    }

    /// Whether an entity of one of `kinds` that starts at or before `last`, and ends at or after
    /// `first` (so starts at or after `first - longest`), passes `test`: the entities are walked
    /// back from `last` only as far as such an entity can start.
    @inline(__always)
    private func containsEntity(
        of kinds: EntityMask, startingFrom first: Int32, upTo last: Int32, where test: (Entity) -> Bool
    ) -> Bool {
        var high = upperBound(start: last)
        let lowestStart = first - longest
        while high > 0 {
            high -= 1
            let entity = sorted[high]
            if entity.start < lowestStart { return false }
            if !entity.kind.isDisjoint(with: kinds) && test(entity) { return true }
        }
        return false
    }

    /// The index of the first entity that starts after `start`.
    private func upperBound(start: Int32) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].start <= start { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension Entity {
    /// Bytes between this entity and `s..<e` (0 when they touch or overlap).
    func gap(to s: Int32, _ e: Int32) -> Int32 {
        max(0, max(start - e, s - end))
    }

    /// Whether this entity starts before `s` and ends at most `distance` bytes before it, or
    /// reaches into or past it (`unless`).
    func endsJustBefore(_ s: Int32, within distance: Int32) -> Bool {
        start < s && s - end <= distance
    }
}
