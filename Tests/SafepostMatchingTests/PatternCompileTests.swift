import Testing
@testable import SafepostMatching

@Suite("Pattern compilation")
struct PatternCompileTests {
    @Test func missingParenthesisReportsMessageAndOffset() {
        #expect(throws: PatternError(message: "missing closing parenthesis", offset: 4)) {
            try Pattern("ab(c")
        }
    }

    @Test func quantifierOutOfOrderIsRejected() throws {
        let error = try #require(throws: PatternError.self) { try Pattern("a{2,1}") }
        #expect(error.message == "numbers out of order in {} quantifier")
        #expect(error.offset == 5)
        #expect(error.description == "numbers out of order in {} quantifier at offset 5")
    }

    @Test func offsetIsInBytesOfThePattern() throws {
        // "é" is two bytes: the unmatched ")" sits at byte 2, not character 1.
        let error = try #require(throws: PatternError.self) { try Pattern("é)") }
        #expect(error.offset == 2)
        #expect(error.message.contains("unmatched closing parenthesis"))
    }

    @Test func backslashCIsRefused() throws {
        let error = try #require(throws: PatternError.self) { try Pattern(#"a\Cb"#) }
        #expect(error.message.contains("\\C"))
    }

    @Test func jitIsAvailableHere() throws {
        #expect(try Pattern(#"\bfoo\w+"#, caseless: true).isJITCompiled)
    }

    @Test func noJitVerbFallsBackToInterpreterAndStillMatches() throws {
        let pattern = try Pattern("(*NO_JIT)b+")
        #expect(!pattern.isJITCompiled)
        #expect(try pattern.allMatches("abbcb", scratch: MatchScratch()) == [1..<3, 4..<5])
    }

    @Test func reportsSourceAndCaptureCount() throws {
        let pattern = try Pattern(#"(a)(?:b)(?<name>c)"#)
        #expect(pattern.source == #"(a)(?:b)(?<name>c)"#)
        #expect(pattern.captureCount == 2)
        #expect(try Pattern("abc").captureCount == 0)
    }

    @Test func emptyPatternMatchesEverywhere() throws {
        #expect(try Pattern("").allMatches("ab", scratch: MatchScratch()) == [0..<0, 1..<1, 2..<2])
    }
}
