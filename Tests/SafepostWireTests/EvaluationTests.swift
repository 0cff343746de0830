import SafepostEvaluation
import SafepostModel
import Testing

private func draft(_ id: String, line: Int, expect: Set<Category>, may: Set<Category> = [], note: String = "") -> LabelledDraft {
    LabelledDraft(request: ScreeningRequest(id: id, text: "text of \(id)"), expect: expect, may: may, note: note, line: line)
}

private func result(_ id: String, _ verdict: Verdict, _ categories: [Category] = []) -> ScreeningResult {
    let findings = categories.map {
        Finding(category: $0, rule: "r", clause: "c", severity: verdict == .block ? .block : .review, start: 0, end: 1, match: "x")
    }
    return ScreeningResult(id: id, verdict: verdict, findings: findings, redacted: "")
}

/// Seven scored drafts (TP 3, FP 1, FN 2, TN 1) and two neutral ones.
private func handMadeEvaluation() -> Evaluation {
    let cases: [(LabelledDraft, ScreeningResult)] = [
        (draft("d1", line: 1, expect: [.childMention]), result("d1", .block, [.childMention])),
        (draft("d2", line: 2, expect: [.childMention, .photo], note: "image of a child"),
         result("d2", .review, [.childMention, .childMention])),
        (draft("d3", line: 3, expect: [.settingName], note: "names the setting"), result("d3", .allow)),
        (draft("d4", line: 4, expect: []), result("d4", .allow)),
        (draft("d5", line: 5, expect: [], note: "harmless"), result("d5", .review, [.personalInfo])),
        (draft("d6", line: 6, expect: [], may: [.workplaceRemark]), result("d6", .review, [.workplaceRemark])),
        (draft("d7", line: 7, expect: [], may: [.safeguarding]), result("d7", .review, [.personalInfo])),
        (draft("d8", line: 8, expect: [.childMention], may: [.safeguarding]),
         result("d8", .block, [.safeguarding, .childMention, .parentContact])),
        (draft("d9", line: 9, expect: [.parentContact]), result("d9", .allow)),
    ]
    var evaluation = Evaluation()
    for (labelled, screened) in cases { evaluation.record(labelled, screened) }
    return evaluation
}

@Suite("Evaluation")
struct EvaluationTests {
    @Test func countsAndRatios() throws {
        let e = handMadeEvaluation()
        #expect([e.truePositives, e.falsePositives, e.falseNegatives, e.trueNegatives, e.neutral] == [3, 1, 2, 1, 2])
        #expect(e.scored == 7)
        #expect(e.total == 9)
        #expect(e.precision == 0.75)
        #expect(e.recall == 0.6)
        let f1 = try #require(e.f1)
        #expect(abs(f1 - 2.0 / 3.0) < 1e-12)
    }

    @Test func perCategoryScores() {
        let e = handMadeEvaluation()
        #expect(e.score(for: .childMention) == .init(expected: 3, found: 3, unexpected: 0))
        #expect(e.score(for: .photo) == .init(expected: 1, found: 0, unexpected: 0))
        #expect(e.score(for: .settingName) == .init(expected: 1, found: 0, unexpected: 0))
        #expect(e.score(for: .parentContact) == .init(expected: 1, found: 0, unexpected: 1))
        #expect(e.score(for: .personalInfo) == .init(expected: 0, found: 0, unexpected: 2))
        #expect(e.score(for: .safeguarding) == .init())  // reported only where `may` allows it
        #expect(e.score(for: .workplaceRemark) == .init())  // neutral line, acceptable
        #expect(e.score(for: .childMention).recall == 1)
        #expect(e.score(for: .photo).recall == 0)
        #expect(e.score(for: .workingHours).recall == nil)
    }

    @Test func missLists() {
        let m = handMadeEvaluation().misses
        #expect(m.falseNegatives.map(\.id) == ["d3", "d9"])
        #expect(m.falsePositives.map(\.id) == ["d5"])
        #expect(m.categoryMisses.map(\.id) == ["d2"])
        #expect(m.categoryMisses.first?.categories == [.photo])
        #expect(m.categoryMisses.first?.expected == [.childMention, .photo])
        #expect(m.categoryMisses.first?.got == [.childMention])
        #expect(m.unexpectedReports.map(\.id) == ["d5", "d7", "d8"])
        #expect(m.unexpectedReports.map(\.categories) == [[.personalInfo], [.personalInfo], [.parentContact]])
        #expect(m.unexpectedReports.last?.got == [.childMention, .parentContact, .safeguarding])
        #expect(m.falseNegatives.first?.line == 3)
        #expect(m.falseNegatives.first?.note == "names the setting")
        #expect(m.falseNegatives.first?.verdict == .allow)
    }

    @Test func emptyEvaluationHasUndefinedRatios() {
        let e = Evaluation()
        #expect(e.precision == nil && e.recall == nil && e.f1 == nil)
        #expect(e.render().contains("Precision n/a  Recall n/a  F1 n/a"))
    }

    @Test func zeroPrecisionAndRecallGiveZeroF1() {
        var e = Evaluation()
        e.record(draft("p", line: 1, expect: [.photo]), result("p", .allow))
        e.record(draft("n", line: 2, expect: []), result("n", .review, [.photo]))
        #expect(e.precision == 0 && e.recall == 0 && e.f1 == 0)
    }

    @Test func reportShowsHeadlineTableAndMisses() {
        let report = handMadeEvaluation().render()
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(3) == [
            "Drafts: 9 (7 scored, 2 neutral)",
            "Precision 0.750  Recall 0.600  F1 0.667",
            "TP 3  FP 1  FN 2  TN 1",
        ])
        #expect(lines.contains("category           expected  found  recall  unexpected"))
        #expect(lines.contains("child-mention             3      3   1.000           0"))
        #expect(lines.contains("parent-contact            1      0   0.000           1"))
        #expect(lines.contains("working-hours             0      0     n/a           0"))
        #expect(lines.contains("False negatives (2), expected a flag, got allow:"))
        #expect(lines.contains("  d3 line 3: expected setting-name; got nothing"))
        #expect(lines.contains("      note: names the setting"))
        #expect(lines.contains("      text: text of d3"))
        #expect(lines.contains("  d5 line 5: expected nothing; got personal-info (review)"))
        #expect(lines.contains("  d2 line 2: missed photo; expected child-mention, photo; got child-mention (review)"))
        #expect(lines.contains("  d7 line 7: unexpected personal-info; expected nothing (may safeguarding); got personal-info (review)"))
    }

    @Test func reportCanHideTextAndShortenLists() {
        let report = handMadeEvaluation().render(showText: false, maxListed: 1)
        #expect(!report.contains("text: "))
        #expect(report.contains("  d3 line 3:"))
        #expect(!report.contains("  d9 line 9:"))
        #expect(report.contains("  … and 1 more\n"))
        #expect(report.contains("  … and 2 more\n"))  // unexpected reports: d5 shown, d7 and d8 not
        #expect(report.contains("False positives (1), expected allow, got a flag:"))
    }

    @Test func emptyListsSayNone() {
        var e = Evaluation()
        e.record(draft("ok", line: 1, expect: []), result("ok", .allow))
        #expect(e.render().contains("\nFalse negatives (0): none\n"))
    }
}
