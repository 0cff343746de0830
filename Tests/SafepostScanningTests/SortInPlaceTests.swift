import SafepostTestSupport
import Testing

@testable import SafepostScanning

/// `sortWithoutAllocating`: the order `sorted()` gives, for every length up to a few hundred and
/// for runs already in order (the callers' usual input), duplicates and reversed arrays.
@Suite("Sorting without allocating")
struct SortInPlaceTests {
    @Test("random arrays of every length come out as sorted() puts them")
    func randomArrays() {
        var random = SplitMix64(seed: 26)
        for length in 0...300 {
            var values = (0..<length).map { _ in Int32(random.next() % 50) }
            let expected = values.sorted()
            values.sortWithoutAllocating { $0 }
            #expect(values == expected, "length \(length)")
        }
    }

    @Test("sorted runs, reversed arrays and equal keys")
    func shapes() {
        let runs: [Int32] = Array(0..<100) + Array(20..<60) + Array(5..<10)
        let shapes: [[Int32]] = [runs, Array((0..<200).reversed()), Array(repeating: 7, count: 64), [2, 1], [1]]
        for shape in shapes {
            var values = shape
            values.sortWithoutAllocating { $0 }
            #expect(values == shape.sorted())
        }
    }

    @Test("by a key: entities by start, each entity kept")
    func byKey() {
        var entities = (0..<150).map { Entity(kind: EntityMask(.child), start: Int32(($0 * 37) % 101), end: Int32($0)) }
        let before = entities.map(\.end).sorted()
        entities.sortWithoutAllocating { $0.start }
        #expect(zip(entities, entities.dropFirst()).allSatisfy { $0.start <= $1.start })
        #expect(entities.map(\.end).sorted() == before)
    }
}
