import Testing

@Test func placeholder_SafepostTextTests() { #expect(1 + 1 == 2) }
