import Foundation
import SafepostEvaluation
import SafepostModel
import SafepostRules
import SafepostScanning
import Testing

/// Guards the rules' cost: a rule edit that loses a pattern's prefilter finds the same things
/// and passes every other test, while every draft pays for a pattern run or more.
@Suite("Rule cost")
struct RuleCostTests {
    /// The most drafts any one rule may run its pattern on. Measured at `0342e35`: the worst,
    /// personal-health, on 103 of 561 drafts (18.4 %); then personal-money-home 16.9 % and
    /// context-negative-emoji 16.2 %. About twice the worst (the rules of `theGuardFlagsACostlyRule`
    /// run on 50 % and 100 %).
    static let shareCeiling = RuleCostReport.defaultShareLimit
    /// The most pattern runs per draft, all rules together. Measured at `0342e35`: 1,096 runs
    /// over 561 drafts, 1.95 a draft. 1.8 times that: the two rules of
    /// `theGuardFlagsACostlyRule` together take it to 3.98.
    static let runsPerDraftCeiling = 3.5

    static let corpusRequests: [ScreeningRequest] = {
        let path = Fixtures.repo.appendingPathComponent("Corpus/drafts.jsonl").path
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
        return CorpusReader.read(jsonl: Array(data), source: path).drafts.map(\.request)
    }()

    static func describe(_ report: RuleCostReport) -> String {
        report.worstFirst.prefix(10).map { "\($0.rule): \($0.runs) runs on \($0.draftsRun) drafts" }.joined(separator: "\n")
    }

    @Test func shippedRulesStayCheapOnTheCorpus() throws {
        let report = try RuleCostReport.measure(Self.corpusRequests, rules: Fixtures.shipped, now: Fixtures.now)
        #expect(report.drafts > 500)
        #expect(report.costly(limit: Self.shareCeiling).isEmpty, "\(Self.describe(report))")
        #expect(report.runsPerDraft < Self.runsPerDraftCeiling, "\(report.runsPerDraft) runs a draft\n\(Self.describe(report))")
        // The counter counts: some rules ran, and none more often than once a draft on average
        // without running on any draft.
        #expect(report.totalRuns > 0)
        for cost in report.rules { #expect((cost.runs == 0) == (cost.draftsRun == 0), "\(cost)") }
    }

    /// Two edits that made every draft dearer last session: a lookahead right after a pattern's
    /// first word (the prefilter then anchors on "the"), and a pattern starting with a
    /// lookbehind (no leading words: it runs wherever its triggers allow).
    static let costlyRules = """
        rule zz-lookahead-after-first-word
          category  workplace-remark
          clause    staff-remarks
          pattern   \\bthe\\s+(?!x)\\w+\\s+kids\\b
          match     the little kids

        rule zz-leading-lookbehind
          category  workplace-remark
          clause    staff-remarks
          pattern   (?<![\\w'])kids? (?:were|are) (?:feral|wild)\\b
          match     kids were feral

        """

    @Test func theGuardFlagsACostlyRule() throws {
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz-costly.rules": Self.costlyRules])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        let report = try RuleCostReport.measure(Self.corpusRequests, rules: rules, now: Fixtures.now)
        let flagged = Set(report.costly(limit: Self.shareCeiling).map(\.rule))
        #expect(flagged == ["zz-lookahead-after-first-word", "zz-leading-lookbehind"], "\(Self.describe(report))")
        #expect(report.runsPerDraft >= Self.runsPerDraftCeiling, "\(report.runsPerDraft) runs a draft\n\(Self.describe(report))")
    }

    /// Counts by hand on a small list: a rule anchored at its leading words runs once per
    /// occurrence of them, on the drafts that have them, and never elsewhere ("purple sky" is
    /// not a pair the pattern can start with, so it costs no run).
    @Test func countsRunsAndDraftsPerRule() throws {
        let rule = """
            rule zz-purple
              category  workplace-remark
              clause    staff-remarks
              pattern   \\bpurple\\s+(?:giraffe|walrus)\\b
              match     purple giraffe

            """
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz-purple.rules": rule])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        let texts = ["purple giraffe and purple walrus", "nothing here", "a purple sky", "a purple walrus"]
        let requests = texts.enumerated().map { ScreeningRequest(id: "\($0.offset)", text: $0.element, author: Author(role: .staff)) }
        let report = try RuleCostReport.measure(requests, rules: rules, now: Fixtures.now)
        let purple = try #require(report.rules.first { $0.rule == "zz-purple" })
        #expect(report.drafts == 4)
        #expect(purple == RuleCost(rule: "zz-purple", draftsRun: 2, runs: 3))
        #expect(report.share(purple) == 0.5)
        #expect(report.runsPerThousandDrafts(purple) == 750)
        // The report lists every rule with a pattern, and no detector rule.
        #expect(report.rules.count == rules.rules.filter { $0.pattern != nil }.count)
    }

    /// Ordinary prose, nothing about a nursery, with a few of the words that give a remark its
    /// tone ("never", "again"): a long draft's pattern runs come from words like these. The
    /// corpus guard above measures short drafts, where a pattern that starts at a common pair of
    /// words ("in the", "one of") costs little; a long text pays at every one of them.
    static let ordinaryProse = """
        On Saturday we drove out to the coast for the day. The traffic on the bypass was slow at \
        first, but by ten we were parked at the top of the hill above the harbour. The tide was in, \
        the gulls were loud and the wind came straight off the sea. We walked along the front to the \
        old pier, bought chips from the kiosk by the lifeboat station and ate them on the wall. In \
        the afternoon the sun came out, so we took the path over the cliffs to the next bay. It is \
        further than it looks on the map, and I can never remember that: an hour and a half there \
        and back, with a steep climb at the end. At the top there is a bench where you can see the \
        whole of the estuary, the church on the far side and the cranes at the docks. We sat there \
        for a while and watched a ferry come in from the islands.

        On the way home we stopped at the farm shop for eggs, bread and a box of apples. The queue \
        went out of the door, as it does again every weekend in the autumn, and the car park was \
        full of muddy boots and dogs. From the shop it is twenty minutes back to town if the lights \
        are kind. We were back by six, in time for the football on the radio and a pot of tea.

        Sunday was quieter. I cleaned the windows, sorted out the shed and took a bag of old clothes \
        to the charity shop on the high street. In the evening I read for an hour and planned the \
        week: the car is due for its service on Tuesday, the dentist is on Thursday morning and the \
        book club meets at the library on Friday. The forecast says rain from the west by Wednesday, \
        so the washing will have to go out early in the week. At the end of the month we are off to \
        see my sister in the north, which means a long drive with a stop at the services halfway, \
        and a lot of sandwiches.

        """

    /// The most pattern runs on twenty copies of `ordinaryProse` (about 7,500 words). Measured:
    /// 300 at `1397460` (remark-work-negative 200, at every "at the" and "with a"); 120 since
    /// that rule starts those two at "door" and "parent" (context-staff-from-setting 80,
    /// remark-parents-colleagues 20, remark-work-negative 20); 20 since a pair's rules run only
    /// before a third word their pattern can go on with (`LeadingWord.thirdWords`).
    /// `(?:in|at|from) the creche` in remark-work-negative, as first written in `bfba54c`, added
    /// 200 and cost the long benchmark text 1.9 M instructions per MB; with a free word before
    /// "creche", as in the test below, it still would.
    static let longTextRunsCeiling = 80

    static func longProseRequest() -> ScreeningRequest {
        ScreeningRequest(id: "long", text: Array(repeating: ordinaryProse, count: 20).joined(separator: "\n"), author: Author(role: .staff))
    }

    @Test func shippedRulesStayCheapOnALongText() throws {
        let report = try RuleCostReport.measure([Self.longProseRequest()], rules: Fixtures.shipped, now: Fixtures.now)
        #expect(report.totalRuns <= Self.longTextRunsCeiling, "\(report.totalRuns) runs\n\(Self.describe(report))")
    }

    @Test func theLongTextGuardFlagsAPatternAtCommonWords() throws {
        let rule = """
            rule zz-in-the-creche
              category  workplace-remark
              clause    staff-remarks
              roles     staff student
              pattern   \\b(?:in|at|from) the (?:\\w+ )?creche\\b
              match     what a day in the creche

            """
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz-creche.rules": rule])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        let report = try RuleCostReport.measure([Self.longProseRequest()], rules: rules, now: Fixtures.now)
        #expect(report.totalRuns > Self.longTextRunsCeiling, "\(report.totalRuns) runs\n\(Self.describe(report))")
    }
}

