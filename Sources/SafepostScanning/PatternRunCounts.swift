/// How many times each rule's pattern has been run by PCRE2 on one scanner, since it was made:
/// the cost a rule adds to every draft, which no test of findings sees (a rule that loses its
/// leading words finds the same things, several times more expensively). Read by
/// `RuleCostReport` and `safepost rules check --cost`.
///
/// Always on: one increment in storage of its own where a PCRE2 call is made anyway (no
/// allocation per draft, no lock, nothing shared between scanners). A word of a word list
/// answered without PCRE2 (`ExactWords`) is not a run.
final class PatternRunCounts {
    // Touched only by the scanner that owns it, so no run-time exclusivity checks.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Int>
    let ruleCount: Int

    init(ruleCount: Int) {
        self.ruleCount = ruleCount
        base = .allocate(capacity: max(ruleCount, 1))
        base.initialize(repeating: 0, count: max(ruleCount, 1))
    }

    deinit { base.deallocate() }

    /// Counts one PCRE2 run of rule `rule`'s pattern (an index into `RuleSet.rules`).
    @inline(__always)
    func countRun(of rule: Int32) {
        base[Int(rule)] &+= 1
    }

    /// The runs of rule `rule` so far.
    subscript(rule: Int) -> Int {
        precondition(rule >= 0 && rule < ruleCount, "rule index out of range")
        return base[rule]
    }
}
