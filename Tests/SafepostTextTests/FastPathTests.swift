import SafepostTestSupport
@testable import SafepostText
import Testing

/// The normaliser's chunked ASCII path against a plain byte-at-a-time normaliser (the loop as it
/// was before chunks), over generated texts that mix ASCII runs of every length with folded,
/// dropped, kept and invalid bytes, loaded at every alignment of the input.
@Suite("Chunked ASCII path equals the byte-at-a-time path")
struct FastPathTests {
    private static let pieces: [[UInt8]] = [
        Array("é".utf8), Array("’".utf8), Array("£".utf8), Array("😂".utf8), Array("☕".utf8),
        Array("ẞ".utf8), Array("Ж".utf8), Array("Ａ".utf8), Array("𝐀".utf8), Array("…".utf8),
        Array("\u{200B}".utf8), Array("\u{FEFF}".utf8), Array("\u{0301}".utf8), Array("\u{E0041}".utf8),
        Array("о".utf8), Array("\u{00A0}".utf8), Array("—".utf8),
        [0x80], [0xBF], [0xC0], [0xC2], [0xE2, 0x80], [0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xFF], [0x00],
    ]
    /// ASCII bytes around the capitals' edges ("@", "[", "`", "{") and ordinary text.
    private static let asciiBytes: [UInt8] = Array("@AZ[`az{ 09.,'\u{7F}\u{01}\tHello World".utf8)

    private static func randomInput(_ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            if Int.random(in: 0..<3, using: &random) == 0 {
                bytes += pieces.randomElement(using: &random)!
            } else {
                for _ in 0..<Int.random(in: 0...20, using: &random) { bytes.append(asciiBytes.randomElement(using: &random)!) }
            }
        }
        return bytes
    }

    @Test func chunkedEqualsByteAtATime() {
        var random = SplitMix64(seed: 0xA5C1_1FA5)
        var text = SearchText()
        var checked = 0
        for _ in 0..<6000 {
            let input = Self.randomInput(&random)
            let expected = referenceNormalise(input)
            // The same bytes at every offset of a larger buffer: every alignment of the chunks.
            for offset in 0..<8 {
                let padded = [UInt8](repeating: 0x41, count: offset) + input + [0x41, 0x80]
                padded.withUnsafeBufferPointer { whole in
                    text.load(UnsafeBufferPointer(rebasing: whole[offset..<offset + input.count]))
                }
                #expect(text.bytes == expected.bytes, "input \(input)")
                #expect(text.flags == expected.flags, "input \(input)")
                #expect((0..<text.runs.count).map { text.runs[$0] } == expected.runs, "input \(input)")
                #expect(text.originalCount == input.count)
                checked += 1
            }
        }
        #expect(checked == 48_000)
    }

    @Test func longASCIIRunsAndTails() {
        // Every ASCII length up to 40 alone and between non-ASCII characters.
        var text = SearchText()
        for length in 0...40 {
            let ascii = (0..<length).map { Self.asciiBytes[$0 % Self.asciiBytes.count] }
            for input in [ascii, ascii + Array("é".utf8), Array("é".utf8) + ascii, [0xFF] + ascii + [0x80], Array("\u{200B}".utf8) + ascii] {
                text.load(UnsafeBufferPointer(start: input, count: input.count))
                let expected = referenceNormalise(input)
                #expect(text.bytes == expected.bytes && text.flags == expected.flags, "input \(input)")
                #expect((0..<text.runs.count).map { text.runs[$0] } == expected.runs, "input \(input)")
            }
        }
    }

    @Test func wideStepsAndTheOverlappingLastStep() {
        // ASCII texts of 16 to 72 bytes, alone or with one non-ASCII piece at any position
        // (inside a 32-byte step, a 16-byte step, or the last sixteen bytes, where the
        // overlapping final step must give way to the eight-byte loop), at every alignment,
        // loaded one after another into the same `SearchText` so that stale bytes and runs of
        // the text before are present.
        var random = SplitMix64(seed: 0x0DD5_16ED)
        var text = SearchText()
        for length in 16...72 {
            let ascii = (0..<length).map { _ in Self.asciiBytes.randomElement(using: &random)! }
            var inputs = [ascii]
            for position in 0...length {
                inputs.append(Array(ascii[..<position]) + Self.pieces.randomElement(using: &random)! + ascii[position...])
            }
            for input in inputs {
                let expected = referenceNormalise(input)
                for offset in 0..<8 {
                    let padded = [UInt8](repeating: 0x41, count: offset) + input + [0x41, 0x80]
                    padded.withUnsafeBufferPointer { whole in
                        text.load(UnsafeBufferPointer(rebasing: whole[offset..<offset + input.count]))
                    }
                    #expect(text.bytes == expected.bytes && text.flags == expected.flags, "input \(input)")
                    #expect((0..<text.runs.count).map { text.runs[$0] } == expected.runs, "input \(input)")
                }
            }
        }
    }
}

/// The search form computed one byte at a time: the same rules as `SearchText.load`, with no
/// chunks, no raw stores and no room past the end.
private func referenceNormalise(_ input: [UInt8]) -> (bytes: [UInt8], flags: [CharFlags], runs: [OriginRun]) {
    var bytes: [UInt8] = [], flags: [CharFlags] = [], runs: [OriginRun] = []
    func run(_ start: Int, _ origin: Int, _ end: Int, identity: Bool) {
        runs.append(OriginRun(start: Int32(start), origin: Int32(origin), end: Int32(end), identity: identity))
    }
    input.withUnsafeBufferPointer { input in
        var i = 0
        while i < input.count {
            if input[i] < 0x80 {
                let runStart = i, first = bytes.count
                while i < input.count && input[i] < 0x80 {
                    let byte = input[i]
                    let upper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                    bytes.append(upper ? byte + 32 : byte)
                    flags.append(upper ? .uppercase : [])
                    i += 1
                }
                if first == 0 && runStart > 0 {
                    run(0, 0, runStart + 1, identity: false)
                    if i - runStart > 1 { run(1, runStart + 1, i, identity: true) }
                } else if let last = runs.last, last.identity, Int(last.end) == runStart,
                          Int(last.origin) + first - Int(last.start) == Int(last.end) {
                    runs[runs.count - 1].end = Int32(i)
                } else {
                    run(first, runStart, i, identity: true)
                }
                continue
            }
            let start = bytes.count == 0 ? 0 : i
            let (scalar, length) = decodeScalar(input, at: i)
            if length == 0 {
                run(bytes.count, start, i + 1, identity: false)
                bytes += [0xEF, 0xBF, 0xBD]
                flags += [.invalid, .invalid, .invalid]
                i += 1
                continue
            }
            let end = i + length
            switch fold(scalar) {
            case .keep:
                run(bytes.count, start, end, identity: false)
                bytes += input[i..<end]
                flags += Array(repeating: isUppercase(scalar) ? .uppercase : [], count: length)
            case .drop:
                if !runs.isEmpty { runs[runs.count - 1].end = Int32(end) }
            case .replace(let replacement):
                run(bytes.count, start, end, identity: false)
                let folded = foldedFlags(scalar, replacement)
                for k in 0..<replacement.count {
                    bytes.append(replacement.byte(k))
                    flags.append(replacement.isUppercase(k) ? folded.union(.uppercase) : folded)
                }
            }
            i = end
        }
    }
    return (bytes, flags, runs)
}

@Suite("Uppercase test of kept characters")
struct UppercaseTests {
    @Test func agreesWithUnicodeInTheCasedBlocksBelowHebrew() {
        for value in UInt32(0x80)..<0x590 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(isUppercase(value) == scalar.properties.isUppercase, "U+\(String(value, radix: 16))")
        }
    }
}
