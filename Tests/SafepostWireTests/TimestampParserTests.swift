import SafepostModel
import SafepostWire
import Testing

@Suite("TimestampParser")
struct TimestampParserTests {
    // Epoch values computed independently (Python's datetime.fromisoformat(...).timestamp()).
    @Test(arguments: [
        ("2026-11-25T10:15:00Z", 1_795_601_700 as Int64),
        ("2026-11-25t10:15:00z", 1_795_601_700),
        ("2026-11-25 10:15:00Z", 1_795_601_700),
        ("2026-11-25T10:15Z", 1_795_601_700),
        ("2026-11-25T10:15:00", 1_795_601_700),  // no offset: UTC
        ("2026-11-25T10:15:00+01:00", 1_795_598_100),
        ("2026-11-25T10:15:00+0100", 1_795_598_100),
        ("2026-11-25T10:15:00-0530", 1_795_621_500),
        ("2026-11-25T10:15:00-05:30", 1_795_621_500),
        ("2026-11-25T10:15:00.999Z", 1_795_601_700),
        ("2026-11-25T10:15:00.123456789+00:00", 1_795_601_700),
        ("2028-02-29T00:00:00Z", 1_835_395_200),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-03-01T00:00:00Z", 951_868_800),
        ("2100-03-01T00:00:00Z", 4_107_542_400),
        ("0001-01-01T00:00:00Z", -62_135_596_800),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
        ("2016-12-31T23:59:60Z", 1_483_228_800),  // leap second lands on the next minute
    ])
    func parsesKnownInstants(_ text: String, _ seconds: Int64) {
        #expect(TimestampParser.parse(text) == Timestamp(secondsSince1970: seconds))
    }

    @Test(arguments: [
        "2026-02-29T10:00:00Z",  // 2026 is not a leap year
        "2100-02-29T10:00:00Z",  // nor is 2100
        "2026-11-25T24:00:00Z", "2026-11-25T10:60:00Z", "2026-11-25T10:15:61Z",
        "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-04-31T10:00:00Z", "2026-11-00T10:00:00Z",
        "2026-11-25T10:15:00+24:00", "2026-11-25T10:15:00+01:60", "2026-11-25T10:15:00+1",
        "2026-11-25T10:15:00.Z", "2026-11-25T10:15:00Z ", " 2026-11-25T10:15:00Z",
        "2026-11-25", "2026-11-25T10", "26-11-25T10:15:00Z", "2026-1-25T10:15:00Z", "2026/11/25T10:15:00Z",
        "2026-11-25X10:15:00Z", "yesterday", "", "2026-11-25T10:15:00ZZ", "２０２６-11-25T10:15:00Z",
    ])
    func rejects(_ text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func leapDayIsValidInLeapYearsOnly() {
        #expect(TimestampParser.parse("2028-02-29T12:00:00Z") != nil)
        #expect(TimestampParser.parse("2000-02-29T12:00:00Z") != nil)
        #expect(TimestampParser.parse("2026-02-29T12:00:00Z") == nil)
        #expect(TimestampParser.parse("2026-02-28T23:59:59Z") != nil)
    }

    @Test func parsesSubstrings() {
        let line = "sent 2026-11-25T10:15:00Z by mail"
        let slice = line.dropFirst(5).prefix(20)
        #expect(TimestampParser.parse(slice) == Timestamp(secondsSince1970: 1_795_601_700))
    }

    @Test(arguments: [
        (0 as Int64, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (1_795_601_700, "2026-11-25T10:15:00Z"),
        (1_835_395_200, "2028-02-29T00:00:00Z"), (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func formats(_ seconds: Int64, _ text: String) {
        #expect(TimestampParser.format(Timestamp(secondsSince1970: seconds)) == text)
    }

    @Test func formatThenParseRoundTripsAcrossCenturies() {
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {      // 2100-01-01
            let timestamp = Timestamp(secondsSince1970: seconds)
            #expect(TimestampParser.parse(TimestampParser.format(timestamp)) == timestamp)
            seconds += 86_400 * 7 + 3_607  // drift through every weekday and time of day
        }
    }

    @Test func civilDaysAgreeBothWays() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.isValid)
            #expect(date.daysSinceEpoch == days)
        }
    }
}
