/// A per-draft list of plain values (anchors, windows) in storage kept from draft to draft:
/// appending is one comparison and one store (no uniqueness or generic capacity checks), and
/// emptying it is one store, where `Array.removeAll(keepingCapacity:)` costs about 40
/// instructions a call.
///
/// One list per use in a scanner, worked on in place: copies would share the storage, so it
/// is only ever held inside the scanner's plan (`WindowPlanner`). `Element` must be a plain
/// value (no references), since elements are overwritten without being deinitialised.
struct PlanList<Element> {
    private final class Storage {
        // Read and replaced only by the scanner that owns it, so no run-time exclusivity checks.
        @exclusivity(unchecked) var base = UnsafeMutablePointer<Element>.allocate(capacity: 64)
        @exclusivity(unchecked) var capacity = 64

        func grow(keeping count: Int) {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }

        deinit { base.deallocate() }
    }

    private let storage = Storage()
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == storage.capacity { storage.grow(keeping: count) }
        (storage.base + count).initialize(to: element)
        count += 1
    }

    /// Appends `element` if `keep`, without a branch on `keep`: the element is always written
    /// past the end and the count moves by `keep`, for a choice a predictor cannot learn.
    @inline(__always)
    mutating func append(_ element: Element, if keep: Bool) {
        if count == storage.capacity { storage.grow(keeping: count) }
        (storage.base + count).initialize(to: element)
        count += keep ? 1 : 0
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            return storage.base[i]
        }
        nonmutating set {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            storage.base[i] = newValue
        }
    }
}
