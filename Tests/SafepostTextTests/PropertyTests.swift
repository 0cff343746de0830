import SafepostTestSupport
import SafepostText
import Testing

@Suite("Properties over pseudo-random input")
struct PropertyTests {
    /// Bytes chosen to hit every decoder path: ASCII, continuation bytes, every kind of lead
    /// byte, and pieces of real multi-byte characters that fold, drop or are kept.
    private static let pieces: [[UInt8]] = [
        [0x41], [0x7A], [0x20], [0x30], [0x21], [0x80], [0xBF], [0xC0], [0xC1], [0xC2], [0xDF],
        [0xE0], [0xED], [0xEF], [0xF0], [0xF4], [0xF5], [0xFF], [0xA0], [0x9F], [0x8F],
        Array("é".utf8), Array("ß".utf8), Array("\u{0301}".utf8), Array("\u{200B}".utf8),
        Array("о".utf8), Array("Ａ".utf8), Array("𝐀".utf8), Array("…".utf8), Array("😀".utf8),
        Array("ẞ".utf8), Array("\u{FEFF}".utf8), Array("Ж".utf8),
    ]

    private static func randomInput(_ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...48, using: &random) {
            if Bool.random(using: &random) {
                bytes.append(UInt8.random(in: 0...255, using: &random))
            } else {
                bytes += pieces.randomElement(using: &random)!
            }
        }
        return bytes
    }

    @Test func randomBytesGiveWellFormedSearchText() {
        var random = SplitMix64(seed: 0x5AFE_9057)
        var reused = SearchText()
        var skeleton = Skeleton()
        for _ in 0..<4000 {
            let input = Self.randomInput(&random)
            input.withUnsafeBufferPointer { reused.load($0) }
            #expect(expectWellFormed(reused, inputCount: input.count), "input \(input)")
            // Replacement happens exactly when the standard library also finds the input invalid.
            let valid = String(validating: input, as: UTF8.self) != nil
            #expect(reused.flags.contains { $0.contains(.invalid) } == !valid, "input \(input)")

            skeleton.load(from: reused)
            #expect(skeleton.bytes.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") && $0 != UInt8(ascii: "l") })
            #expect(zip(skeleton.source, skeleton.source.dropFirst()).allSatisfy { $0 < $1 })
            #expect(skeleton.source.allSatisfy { $0 >= 0 && Int($0) < reused.count })
            #expect(skeleton.boundaryBefore.count == skeleton.count)
            #expect(skeleton.count == 0 || skeleton.boundaryBefore[0])
        }
    }

    @Test func reusedBufferMatchesFreshOnes() {
        let texts = [
            String(repeating: "Long text with Ünïcödé, 𝐦𝐚𝐭𝐡 and \u{200B}zero width. ", count: 20),
            "Hi", "", "Straße…", "x", String(repeating: "ß", count: 300), "St0nh4m Asp4l",
        ]
        var reused = SearchText()
        var reusedSkeleton = Skeleton()
        for text in texts + texts.reversed() {
            reused.load(text)
            let fresh = searchText(text)
            #expect(reused.bytes == fresh.bytes)
            #expect((0..<fresh.count).map(reused.originStart) == (0..<fresh.count).map(fresh.originStart))
            #expect((0..<fresh.count).map(reused.originEnd) == (0..<fresh.count).map(fresh.originEnd))
            #expect(reused.flags == fresh.flags)

            reusedSkeleton.load(from: reused)
            var freshSkeleton = Skeleton()
            freshSkeleton.load(from: fresh)
            #expect(reusedSkeleton.bytes == freshSkeleton.bytes)
            #expect(reusedSkeleton.source == freshSkeleton.source)
            #expect(reusedSkeleton.boundaryBefore == freshSkeleton.boundaryBefore)
        }
    }

    /// One search text reused over random inputs of random lengths holds exactly what a fresh
    /// one does: its arrays are replaced in place and its run list keeps stale runs past its count.
    @Test func reusedBufferMatchesFreshOnesOverRandomInput() {
        var random = SplitMix64(seed: 0x0C0F_FEE5)
        var reused = SearchText()
        for _ in 0..<3000 {
            let input = Self.randomInput(&random)
            input.withUnsafeBufferPointer { reused.load($0) }
            let fresh = searchText(bytes: input)
            #expect(reused.bytes == fresh.bytes, "input \(input)")
            #expect(reused.flags == fresh.flags, "input \(input)")
            let ranges = (0...fresh.count).map { reused.originalRange($0..<fresh.count) }
            #expect(ranges == (0...fresh.count).map { fresh.originalRange($0..<fresh.count) }, "input \(input)")
            #expect((0..<fresh.count).map(reused.originEnd) == (0..<fresh.count).map(fresh.originEnd), "input \(input)")
        }
    }

    @Test func invalidBytesAndRawBufferAgreeWithStringLoad() {
        let text = "Ｓｔｏｎｈａｍ Ｐｒｅ-Ｓｃｈｏｏｌ"
        var fromBytes = SearchText()
        Array(text.utf8).withUnsafeBufferPointer { fromBytes.load($0) }
        #expect(fromBytes.bytes == searchText(text).bytes)
    }
}
