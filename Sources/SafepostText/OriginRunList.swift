/// The runs of a `SearchText` (see `OriginRun`), kept in storage that is never shrunk and a
/// count of its own, so that emptying it for the next text is one store: an array's
/// `removeAll(keepingCapacity:)` goes through the generic `replaceSubrange`, about 40
/// instructions, on every load.
struct OriginRunList: Sendable {
    private var storage: [OriginRun] = []
    /// Number of runs in use; `storage` may hold stale runs past it.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Forgets the runs, keeping the storage.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ run: OriginRun) {
        if count < storage.count {
            storage[count] = run
        } else {
            storage.append(run)
        }
        count += 1
    }

    var last: OriginRun? { count == 0 ? nil : storage[count - 1] }

    subscript(i: Int) -> OriginRun {
        get {
            precondition(i >= 0 && i < count, "run \(i) outside 0..<\(count)")
            return storage[i]
        }
        set {
            precondition(i >= 0 && i < count, "run \(i) outside 0..<\(count)")
            storage[i] = newValue
        }
    }
}
