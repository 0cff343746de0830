import Testing

@Test func placeholder_SafepostScanningTests() { #expect(1 + 1 == 2) }
