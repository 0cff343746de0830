import Testing
import CPCRE2
@testable import SafepostMatching

@Suite("Single matches")
struct MatchingTests {
    let scratch = MatchScratch()

    @Test func caselessFoldsUnicodeLetters() throws {
        let pattern = try Pattern("straße", caseless: true)
        #expect(try pattern.matches("STRASSE or STRAẞE", scratch: scratch))  // ẞ folds to ß
        #expect(try pattern.allMatches("STRASSE", scratch: scratch).isEmpty)  // no ß/ss folding
        #expect(try !Pattern("straße").matches("STRAßE", scratch: scratch))
    }

    @Test func ucpMakesWordClassesUnicodeAware() throws {
        let pattern = try Pattern(#"\bé\w+"#, caseless: true)
        // "café " then "Élan": é inside café is not at a word boundary; É starts a word.
        #expect(try pattern.allMatches("café Élan", scratch: scratch) == [6..<11])
        #expect(try Pattern(#"\d+"#).allMatches("٣٤ 12", scratch: scratch) == [0..<4, 5..<7])
    }

    @Test func rangesAreUTF8ByteOffsets() throws {
        let subject = "日本 price: 100€"
        let ranges = try Pattern(#"\d+€"#).allMatches(subject, scratch: scratch)
        #expect(ranges == [14..<20])
        let bytes = Array(subject.utf8)
        #expect(String(decoding: bytes[ranges[0]], as: UTF8.self) == "100€")
    }

    @Test func invalidUTF8IsABarrierNotACrash() throws {
        let subject: [UInt8] = Array("ab".utf8) + [0xFF, 0xC3] + Array("cd é".utf8) + [0x80]
        let pattern = try Pattern(#"\w+"#)
        let ranges = try subject.withUnsafeBufferPointer { bytes in
            var found: [Range<Int>] = []
            try pattern.forEachMatch(in: bytes, scratch: scratch) { found.append($0); return true }
            return found
        }
        #expect(ranges == [0..<2, 4..<6, 7..<9])
        // Dot does not match invalid bytes, so no match spans them.
        let anything = try subject.withUnsafeBufferPointer { try Pattern("b.+c").firstMatch(in: $0, scratch: scratch) }
        #expect(anything == nil)
    }

    @Test func firstMatchHonoursStartOffset() throws {
        let pattern = try Pattern("ab")
        try Array("ab-ab".utf8).withUnsafeBufferPointer { (bytes) throws in
            #expect(try pattern.firstMatch(in: bytes, scratch: scratch) == 0..<2)
            #expect(try pattern.firstMatch(in: bytes, from: 1, scratch: scratch) == 3..<5)
            #expect(try pattern.firstMatch(in: bytes, from: 4, scratch: scratch) == nil)
            #expect(try pattern.firstMatch(in: bytes, from: 5, scratch: scratch) == nil)
        }
    }

    @Test(arguments: [-1, 7, Int.max])
    func outOfRangeStartThrowsInsteadOfTrapping(start: Int) throws {
        let pattern = try Pattern("a")
        let error = try #require(throws: MatchError.self) {
            try Array("banana".utf8).withUnsafeBufferPointer { try pattern.firstMatch(in: $0, from: start, scratch: scratch) }
        }
        #expect(error.code == PCRE2_ERROR_BADOFFSET)
        #expect(!error.message.isEmpty)
    }

    @Test func emptySubjectWithNilBaseAddressWorks() throws {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for pattern in [try Pattern("a"), try Pattern("a*"), try Pattern("(*NO_JIT)a*")] {
            let expected: Range<Int>? = pattern.source == "a" ? nil : 0..<0
            #expect(try pattern.firstMatch(in: empty, scratch: scratch) == expected)
        }
        #expect(try Pattern("x").allMatches("", scratch: scratch).isEmpty)
    }

    @Test func patternsWithMoreGroupsThanTheOvectorStillReportTheWholeMatch() throws {
        let pattern = try Pattern(#"(\w)(\w)(\w)-(\d)"#)
        #expect(try pattern.allMatches("xx abc-1 def-2", scratch: scratch) == [3..<8, 9..<14])
    }
}
