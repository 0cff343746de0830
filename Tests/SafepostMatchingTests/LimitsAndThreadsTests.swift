import Testing
import CPCRE2
@testable import SafepostMatching

@Suite("Limits and concurrency")
struct LimitsAndThreadsTests {
    static let catastrophic = String(repeating: "a", count: 30) + "b"

    @Test(arguments: ["(a+)+$", "(*NO_JIT)(a+)+$"])
    func catastrophicBacktrackingThrowsNotNil(source: String) throws {
        let pattern = try Pattern(source)
        let scratch = MatchScratch(limits: MatchLimits(match: 10_000))
        let error = try #require(throws: MatchError.self) { try pattern.matches(Self.catastrophic, scratch: scratch) }
        #expect(error.code == PCRE2_ERROR_MATCHLIMIT)
        #expect(error.isResourceLimit)
        #expect(error.message == "match limit exceeded")
        // The scratch stays usable after a failure.
        #expect(try pattern.allMatches("aaa", scratch: scratch) == [0..<3])
    }

    @Test func defaultLimitsAlsoStopCatastrophicBacktracking() throws {
        #expect(throws: MatchError.self) { try Pattern("(a+)+$").matches(Self.catastrophic, scratch: MatchScratch()) }
    }

    @Test func smallJITStackThrowsStackLimit() throws {
        let pattern = try Pattern("(a|b)*c")
        #expect(pattern.isJITCompiled)
        let subject = String(repeating: "ab", count: 100_000) + "c"
        let small = MatchScratch(limits: MatchLimits(match: .max, jitStackKiB: 32))
        let error = try #require(throws: MatchError.self) { try pattern.matches(subject, scratch: small) }
        #expect(error.code == PCRE2_ERROR_JIT_STACKLIMIT)
        let large = MatchScratch(limits: MatchLimits(match: .max, jitStackKiB: 64 * 1024))
        #expect(try pattern.allMatches(subject, scratch: large) == [0..<200_001])
    }

    @Test func interpreterHonoursDepthLimit() throws {
        let pattern = try Pattern("(*NO_JIT)(a|b)*c")
        let scratch = MatchScratch(limits: MatchLimits(depth: 100))
        let error = try #require(throws: MatchError.self) {
            try pattern.matches(String(repeating: "ab", count: 1_000) + "c", scratch: scratch)
        }
        #expect(error.code == PCRE2_ERROR_DEPTHLIMIT)
    }

    @Test func oneSharedPatternAcrossConcurrentTasks() async throws {
        let pattern = try Pattern(#"\bcr[eé]dit\s*card\b"#, caseless: true)
        let subjects = (0..<4).map { task in
            (0..<50).map { i in (i + task) % 3 == 0 ? "Ma CRÉDIT card n°\(i)" : "no card here \(i)" }
        }
        let results = try await withThrowingTaskGroup(of: (Int, [Bool]).self) { group in
            for task in 0..<4 {
                group.addTask {
                    let scratch = MatchScratch()
                    var found: [Bool] = []
                    for _ in 0..<200 { found = try subjects[task].map { try pattern.matches($0, scratch: scratch) } }
                    return (task, found)
                }
            }
            var byTask: [Int: [Bool]] = [:]
            for try await (task, found) in group { byTask[task] = found }
            return byTask
        }
        for task in 0..<4 {
            #expect(results[task] == (0..<50).map { ($0 + task) % 3 == 0 })
        }
    }
}
