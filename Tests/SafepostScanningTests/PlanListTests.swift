import Testing
import SafepostModel
@testable import SafepostScanning

/// The per-draft lists the pattern planner keeps from draft to draft, and the masks it reads.
@Suite("Pattern plan lists and masks")
struct PlanListTests {
    @Test func keepsWhatItWasGivenAcrossGrowthAndReuse() {
        var list = PlanList<Anchor>()
        for round in 0..<3 {
            list.removeAll()
            #expect(list.isEmpty)
            let count = 50 + round * 100  // past the first capacity (64) and its doubling
            for k in 0..<count { list.append(Anchor(rule: Int32(k % 7), start: Int32(k), marks: k % 2 == 0)) }
            #expect(list.count == count)
            for k in 0..<count {
                #expect(list[k].start == Int32(k) && list[k].rule == Int32(k % 7) && list[k].marks == (k % 2 == 0))
            }
        }
    }

    @Test func elementsCanBeChangedInPlace() {
        var list = PlanList<(rule: Int32, start: Int32, end: Int32)>()
        list.append((1, 0, 10))
        list[0].end = 20
        #expect(list[0].end == 20 && list[0].rule == 1)
    }

    @Test func everyRoleAndKindHasABitOfItsOwn() {
        let roles = Role.allCases.map { RoleMask($0).rawValue }
        #expect(Set(roles).count == roles.count && roles.allSatisfy { $0.nonzeroBitCount == 1 })
        let kinds = EntityKind.allCases.map { EntityMask($0).rawValue }
        #expect(Set(kinds).count == kinds.count && kinds.allSatisfy { $0.nonzeroBitCount == 1 })
        #expect(RoleMask(Set(Role.allCases)).rawValue.nonzeroBitCount == Role.allCases.count)
    }
}
