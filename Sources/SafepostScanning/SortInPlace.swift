extension Array {
    /// Sorts the array by `key` without allocating: a heapsort, O(n log n) in the worst case
    /// and not stable. The standard library's `sort` is stable and, for more than a few dozen
    /// elements, takes a buffer the size of the array, so a long draft's disguise candidates
    /// and entities cost allocations that grew with the draft; the callers need no stability
    /// (equal keys are read alike).
    mutating func sortWithoutAllocating<Key: Comparable>(by key: (Element) -> Key) {
        withUnsafeMutableBufferPointer { heapSort($0, by: key) }
    }
}

private func heapSort<Element, Key: Comparable>(_ a: UnsafeMutableBufferPointer<Element>, by key: (Element) -> Key) {
    let n = a.count
    guard n > 1 else { return }
    // Often in order already (the entities and candidates are gathered in text order, a source
    // at a time): one look, and no sort.
    if (1..<n).allSatisfy({ !(key(a[$0]) < key(a[$0 - 1])) }) { return }
    // Moves element `root` down the max-heap held in `a[..<end]`.
    func siftDown(_ root: Int, _ end: Int) {
        var parent = root
        while true {
            var child = 2 * parent + 1
            if child >= end { return }
            if child + 1 < end && key(a[child]) < key(a[child + 1]) { child += 1 }
            guard key(a[parent]) < key(a[child]) else { return }
            a.swapAt(parent, child)
            parent = child
        }
    }
    for root in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(root, n) }
    for end in stride(from: n - 1, to: 0, by: -1) {
        a.swapAt(0, end)
        siftDown(0, end)
    }
}
