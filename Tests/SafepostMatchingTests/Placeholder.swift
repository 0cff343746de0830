import Testing

@Test func placeholder_SafepostMatchingTests() { #expect(1 + 1 == 2) }
