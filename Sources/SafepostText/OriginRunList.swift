/// The runs of a `SearchText` (see `OriginRun`). Most texts are one run (all ASCII), so the
/// first run is a stored property and only the others go to an array: loading such a text
/// writes its run with four stores, where an array's element store first asked whether its
/// storage was uniquely referenced (a call). The array is never shrunk, and the count is kept
/// apart, so that emptying the list for the next text is one store: an array's
/// `removeAll(keepingCapacity:)` goes through the generic `replaceSubrange`, about 40
/// instructions, on every load.
struct OriginRunList: Sendable {
    /// Run 0, valid when `count > 0`.
    private var first = OriginRun(start: 0, origin: 0, end: 0, identity: false)
    /// Runs 1 and on; may hold stale runs past `count - 1`.
    private var others: [OriginRun] = []
    /// Number of runs in use.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Forgets the runs, keeping the storage.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ run: OriginRun) {
        if count == 0 {
            first = run
        } else if count - 1 < others.count {
            others[count - 1] = run
        } else {
            others.append(run)
        }
        count += 1
    }

    var last: OriginRun? { count == 0 ? nil : self[count - 1] }

    subscript(i: Int) -> OriginRun {
        get {
            precondition(i >= 0 && i < count, "run \(i) outside 0..<\(count)")
            return i == 0 ? first : others[i - 1]
        }
        set {
            precondition(i >= 0 && i < count, "run \(i) outside 0..<\(count)")
            if i == 0 { first = newValue } else { others[i - 1] = newValue }
        }
    }
}
