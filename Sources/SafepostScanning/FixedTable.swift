/// An immutable copy of a rule-set array in storage the rule set owns, read by the per-draft
/// hot path as a plain buffer: reading it through the rule set costs no retain or release of
/// the rule set or an array, where `let rules = self.rules` and its arrays cost four of them
/// per draft (a scanner holds its rule set for as long as it scans, so the buffer stays valid).
///
/// Only a `RuleSet` creates these, and frees them in its `deinit`; copies share the storage.
struct FixedTable<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    let buffer: UnsafeBufferPointer<Element>

    init(_ elements: [Element]) {
        let base = UnsafeMutablePointer<Element>.allocate(capacity: max(elements.count, 1))
        elements.withUnsafeBufferPointer { elements in
            if let start = elements.baseAddress { base.initialize(from: start, count: elements.count) }
        }
        self.base = base
        buffer = UnsafeBufferPointer(start: base, count: elements.count)
    }

    /// Frees the storage; the table must not be read afterwards.
    func free() {
        base.deinitialize(count: buffer.count)
        base.deallocate()
    }
}
