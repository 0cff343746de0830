import SafepostModel

/// ISO 8601 / RFC 3339 date-times to and from `Timestamp`, without Foundation.
///
/// Accepted: `YYYY-MM-DDTHH:MM[:SS[.fraction]][offset]` where the separator may be `T`, `t` or a space
/// and the offset is `Z`, `z`, `±HH:MM` or `±HHMM`. Without an offset the time is taken as UTC (clients
/// that omit it are almost always sending UTC, and a rejected draft is worse than an hour's skew in a
/// working-hours check). Years 0000–9999; every field is range-checked (day against the month, with leap
/// years; hour 0–23; second 0–60, where 60 is a leap second and lands on the next minute). Fractional
/// seconds (any number of digits) are truncated, as `Timestamp` holds whole seconds.
public enum TimestampParser {
    /// Parses a date-time, or returns nil when it is not one of the accepted forms or out of range.
    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Parses a date-time held in a substring.
    public static func parse(_ text: Substring) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Formats as RFC 3339 in UTC with whole seconds: `2026-11-25T10:15:00Z`.
    /// Years outside 0000–9999 are written with as many digits as needed (and a leading `-` before
    /// year 0); such strings do not parse back.
    public static func format(_ timestamp: Timestamp) -> String {
        let seconds = timestamp.secondsSince1970
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        let (year, month, day) = (Int64(date.year), date.month, date.day)
        var out = ""
        out.reserveCapacity(20)
        if year < 0 { out += "-" }
        out += padded(year.magnitude, 4) + "-" + padded(UInt64(month), 2) + "-" + padded(UInt64(day), 2)
        out += "T" + padded(UInt64(secondOfDay / 3600), 2) + ":" + padded(UInt64(secondOfDay / 60 % 60), 2)
        out += ":" + padded(UInt64(secondOfDay % 60), 2) + "Z"
        return out
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.number(4), cursor.skip("-"),
              let month = cursor.number(2), cursor.skip("-"),
              let day = cursor.number(2),
              cursor.skip("T") || cursor.skip("t") || cursor.skip(" "),
              let hour = cursor.number(2), cursor.skip(":"),
              let minute = cursor.number(2)
        else { return nil }
        var second: Int64 = 0
        if cursor.skip(":") {
            guard let s = cursor.number(2) else { return nil }
            second = s
            if cursor.skip(".") {
                guard cursor.digitRun() > 0 else { return nil }
            }
        }
        let date = CivilDate(year: Int(year), month: Int(month), day: Int(day))
        guard date.isValid,
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              let offset = cursor.offsetSeconds(), cursor.atEnd
        else { return nil }
        let dayNumber = date.daysSinceEpoch
        return Timestamp(secondsSince1970: dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset)
    }

    private static func padded(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A forward-only reader over the bytes of a date-time.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position == bytes.count }

    /// Exactly `count` ASCII digits as a number.
    mutating func number(_ count: Int) -> Int64? {
        guard position + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for k in position..<(position + count) {
            let b = bytes[k]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(b - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// Consumes one ASCII character if it is next.
    mutating func skip(_ char: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: char) else { return false }
        position += 1
        return true
    }

    /// Consumes any digits and returns how many there were.
    mutating func digitRun() -> Int {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            position += 1
        }
        return position - start
    }

    /// The UTC offset in seconds (east positive): `Z`/`z`, `±HH:MM`, `±HHMM`, or 0 when there is none.
    mutating func offsetSeconds() -> Int64? {
        if atEnd { return 0 }
        if skip("Z") || skip("z") { return 0 }
        let sign: Int64
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = number(2) else { return nil }
        _ = skip(":")
        guard let minutes = number(2), hours <= 23, minutes <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
