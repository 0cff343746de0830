@testable import SafepostText
import Testing

/// `foldCommon` (tables and an emoji shortcut) against `fold` (the switch) for every scalar.
@Suite("Folding's tables for common characters")
struct CommonFoldTests {
    @Test func agreesWithFoldForEveryScalar() {
        var disagreements: [UInt32] = []
        for scalar in UInt32(0x80)...0x10FFFF where foldCommon(scalar) != fold(scalar) {
            disagreements.append(scalar)
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(10).map { String($0, radix: 16) })")
    }
}
