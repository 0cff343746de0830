import SafepostModel

/// RFC 5322 §3.3 date-times (with the obsolete forms of §4.3) to `Timestamp`.
public enum MailDate {
    /// Why a date could not be read exactly.
    enum Problem {
        case unparsable
        /// Parsed, but the zone was missing or unknown and taken as UTC.
        case zoneAssumed
    }

    /// Parses e.g. `Tue, 24 Nov 2026 10:15:00 +0000`; nil when it is not a date.
    ///
    /// Accepted: an optional day name (with or without the comma); day, month name (English,
    /// three letters or more, any case) and year (two-digit years: 00–49 → 20xx, 50–99 → 19xx;
    /// three-digit: + 1900); `hh:mm[:ss]`; a zone `±hhmm`, `UT`,
    /// `UTC`, `GMT`, `Z`, the US zones (EST/EDT/CST/CDT/MST/MDT/PST/PDT) or a military letter (taken as
    /// UTC, as RFC 5322 advises); a missing or unknown zone is taken as UTC. Comments are ignored.
    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse($0).timestamp }
    }

    static func parse(_ value: Bytes) -> (timestamp: Timestamp?, problem: Problem?) {
        var tokens = DateTokens(value)
        guard var token = tokens.next() else { return (nil, .unparsable) }
        // Optional day of week.
        if token.isAlpha, monthNumber(token, value) == nil {
            guard let t = tokens.next() else { return (nil, .unparsable) }
            token = t
            if token.isComma, let t = tokens.next() { token = t }
        }
        if token.isComma, let t = tokens.next() { token = t }
        var day: Int64
        var month: Int64
        // "24 Nov 2026" or (obsolete asctime-like) "Nov 24 ... 2026".
        if let d = token.number, d.digits <= 2 {
            day = d.value
            guard let m = tokens.next().flatMap({ monthNumber($0, value) }) else { return (nil, .unparsable) }
            month = m
        } else if let m = monthNumber(token, value), let d = tokens.next()?.number, d.digits <= 2 {
            month = m
            day = d.value
        } else {
            return (nil, .unparsable)
        }
        guard var next = tokens.next() else { return (nil, .unparsable) }
        var year: Int64? = nil
        if next.isNumber, !next.followedByColon {
            let y = next.number!
            year = y.digits <= 2 ? (y.value < 50 ? 2000 + y.value : 1900 + y.value) : y.digits == 3 ? 1900 + y.value : y.value
            guard let t = tokens.next() else { return (nil, .unparsable) }
            next = t
        }
        // Time: hh ':' mm [':' ss]
        guard let h = next.number, next.followedByColon else { return (nil, .unparsable) }
        guard let minuteToken = tokens.next(), let mm = minuteToken.number else { return (nil, .unparsable) }
        var second: Int64 = 0
        var zoneToken = tokens.next()
        if minuteToken.followedByColon, let s = zoneToken?.number {
            second = s.value
            zoneToken = tokens.next()
        }
        // asctime puts the year after the time.
        if year == nil, let z = zoneToken, let y = z.number, y.digits == 4 {
            year = y.value
            zoneToken = tokens.next()
        }
        guard let yearValue = year else { return (nil, .unparsable) }
        let hour = h.value
        let minute = mm.value
        let date = CivilDate(year: Int(yearValue), month: Int(month), day: Int(day))
        guard date.isValid,
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1...9999).contains(yearValue)
        else { return (nil, .unparsable) }
        var offset: Int64 = 0
        var problem: Problem? = nil
        if let z = zoneToken {
            if let o = zoneOffset(z, value) { offset = o } else { problem = .zoneAssumed }
        } else {
            problem = .zoneAssumed
        }
        let days = date.daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return (Timestamp(secondsSince1970: seconds), problem)
    }

    private static func monthNumber(_ token: DateToken, _ value: Bytes) -> Int64? {
        guard token.isAlpha, token.range.count >= 3 else { return nil }
        let r = token.range.lowerBound..<(token.range.lowerBound + 3)
        for (k, name) in monthNames.enumerated() where equalsIgnoringCase(value, r, name) { return Int64(k + 1) }
        return nil
    }

    private static func zoneOffset(_ token: DateToken, _ value: Bytes) -> Int64? {
        let r = token.range
        if let sign = token.sign {
            guard r.count == 5 || r.count == 3 else { return nil }
            for k in (r.lowerBound + 1)..<r.upperBound where !isASCIIDigit(value[k]) { return nil }
            func digit(_ k: Int) -> Int64 { Int64(value[r.lowerBound + 1 + k] - 0x30) }
            let hours = digit(0) * 10 + digit(1)
            let minutes = r.count == 5 ? digit(2) * 10 + digit(3) : 0
            guard hours <= 23, minutes <= 59 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
        guard token.isAlpha else { return nil }
        for (name, hours) in zoneNames where equalsIgnoringCase(value, r, name) { return hours * 3600 }
        if r.count == 1 { return 0 }  // military zones: RFC 5322 says treat as unknown, i.e. UTC
        return nil
    }

    private static let monthNames: [StaticString] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let zoneNames: [(StaticString, Int64)] = [
        ("ut", 0), ("utc", 0), ("gmt", 0), ("z", 0), ("est", -5), ("edt", -4), ("cst", -6), ("cdt", -5),
        ("mst", -7), ("mdt", -6), ("pst", -8), ("pdt", -7),
    ]
}

/// One token of a date: a run of letters, a run of digits, a signed number, or a comma.
struct DateToken {
    var range: Range<Int>
    var isAlpha = false
    var isComma = false
    var number: (value: Int64, digits: Int)? = nil
    var sign: Int64? = nil
    /// True when a `:` follows the token.
    var followedByColon = false

    var isNumber: Bool { number != nil }
}

/// Splits a date into tokens, skipping whitespace and comments.
struct DateTokens {
    let value: Bytes
    var i = 0

    init(_ value: Bytes) { self.value = value }

    mutating func next() -> DateToken? {
        let n = value.count
        while i < n {
            let b = value[i]
            if isSpaceOrNewline(b) || b == Byte.colon {
                i += 1
            } else if b == Byte.openParen {
                var depth = 0
                while i < n {
                    if value[i] == Byte.openParen { depth += 1 }
                    if value[i] == Byte.closeParen {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    i += 1
                }
                i += 1
            } else {
                break
            }
        }
        guard i < n else { return nil }
        let start = i
        var token = DateToken(range: start..<start)
        let b = value[i]
        if b == Byte.comma {
            i += 1
            token.isComma = true
        } else if isASCIILetter(b) {
            while i < n, isASCIILetter(value[i]) { i += 1 }
            token.isAlpha = true
            if i < n, value[i] == Byte.dot { i += 1 }  // "Tue." / "Nov."
        } else if b == Byte.plus || b == Byte.minus {
            i += 1
            while i < n, isASCIIDigit(value[i]) { i += 1 }
            token.sign = b == Byte.plus ? 1 : -1
        } else if isASCIIDigit(b) {
            var v: Int64 = 0
            while i < n, isASCIIDigit(value[i]) {
                if i - start < 9 { v = v * 10 + Int64(value[i] - 0x30) }
                i += 1
            }
            token.number = (v, i - start)
        } else {
            i += 1  // junk byte: its own token
        }
        token.range = start..<i
        if token.isAlpha, token.range.count > 1, value[i - 1] == Byte.dot { token.range = start..<(i - 1) }
        var k = i
        while k < n, isWSP(value[k]) { k += 1 }
        token.followedByColon = k < n && value[k] == Byte.colon
        return token
    }
}
