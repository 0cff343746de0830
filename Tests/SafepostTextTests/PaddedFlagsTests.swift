import SafepostTestSupport
import SafepostText
import Testing

/// `SearchText.flags` keeps zero padding after its count, which the word pass reads in place,
/// and copies of a search text behave as values.
@Suite("Padded flags")
struct PaddedFlagsTests {
    /// The `PaddedFlags.padding` bytes after the count, read through the raw pointer.
    private func padding(_ text: SearchText) -> [UInt8] {
        let base = text.flags.paddedBytes
        return (text.count..<text.count + PaddedFlags.padding).map { base[$0] }
    }

    @Test func paddingIsZeroAfterALongTextThenAShorterOne() {
        var text = SearchText()
        text.load(String(repeating: "ÉCOLE Stonham WAS HERE ", count: 40))
        #expect(padding(text) == Array(repeating: 0, count: PaddedFlags.padding))
        text.load("Hi THERE")
        #expect(text.flags == [.uppercase, [], [], .uppercase, .uppercase, .uppercase, .uppercase, .uppercase])
        #expect(padding(text) == Array(repeating: 0, count: PaddedFlags.padding))
        text.load("")
        #expect(text.flags.isEmpty && padding(text) == Array(repeating: 0, count: PaddedFlags.padding))
    }

    @Test func paddingIsZeroOverRandomTextsOfFallingAndRisingLength() {
        var random = SplitMix64(seed: 0xF1A6_5)
        let alphabet = Array("aZ É𝐀\u{FF}ß0-".utf8) + [0xC3, 0x80, 0xFF]
        var reused = SearchText()
        for _ in 0..<2000 {
            let length = Int.random(in: 0...64, using: &random)
            let input = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            input.withUnsafeBufferPointer { reused.load($0) }
            #expect(padding(reused) == Array(repeating: 0, count: PaddedFlags.padding), "input \(input)")
            #expect(reused.flags.count == reused.count)
        }
    }

    @Test func copiesDoNotShareStorageOnceLoaded() {
        var first = SearchText()
        first.load("Uppercase HERE")
        let before = Array(first.flags)
        var second = first
        second.load("other text, lower")
        #expect(Array(first.flags) == before)
        #expect(first.flags.paddedBytes != second.flags.paddedBytes)
        #expect(second.flags == Array(repeating: CharFlags(), count: second.count))

        var third = SearchText()
        third.load("Uppercase HERE")
        #expect(third.flags == first.flags)
        #expect(third.flags.paddedBytes != first.flags.paddedBytes)
        first.load("X")
        #expect(Array(third.flags) == before)
    }

    @Test func loadsWhileACopyIsKeptDoNotGrowTheStorage() {
        var text = SearchText()
        text.load("Uppercase HERE and a few more words")
        let firstFlags = Array(text.flags)
        let capacity = text.flags.storageCapacity
        var kept: [SearchText] = []
        for round in 0..<40 {
            kept.append(text)  // a copy shares the storage: the next load takes its own
            text.load("Round \(round), SHORTER")
            #expect(text.flags.storageCapacity <= capacity, "round \(round)")
        }
        #expect(Array(kept[0].flags) == firstFlags)
    }
}
