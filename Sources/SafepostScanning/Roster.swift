/// Which list a person comes from.
public enum PersonKind: String, Sendable {
    case child
    case staff
    case carer
}

/// One person from the setting's roster, with the spellings a draft might use for them.
public struct Person: Sendable, Equatable {
    public var kind: PersonKind
    /// The full name as written in the roster ("Oliver Brown").
    public var name: String
    /// Nicknames and short forms ("Olly", "Ollie").
    public var aliases: [String]
    /// For carers: the full names of their children.
    public var children: [String]

    public init(kind: PersonKind, name: String, aliases: [String] = [], children: [String] = []) {
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.children = children
    }

    /// The name split into lowercase words; the first is the given name, the last the surname.
    var nameWords: [String] { Self.words(of: name) }

    static func words(of s: String) -> [String] {
        s.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && !$0.isNumber }).map(String.init)
    }
}

/// The setting's people and name, as read from the Rules folder's data files.
public struct Roster: Sendable {
    public var settingNames: [String]
    public var people: [Person]

    public init(settingNames: [String], people: [Person]) {
        self.settingNames = settingNames
        self.people = people
    }

    public var childCount: Int { people.filter { $0.kind == .child }.count }
    public var staffCount: Int { people.filter { $0.kind == .staff }.count }
    public var carerCount: Int { people.filter { $0.kind == .carer }.count }
}

/// An approved advert or fundraiser marker; it exempts `setting-name` findings while live.
public struct ApprovedMarker: Sendable, Equatable {
    public var text: String
    /// The last valid day, in the policy's time zone.
    public var expires: CivilDate

    public init(text: String, expires: CivilDate) {
        self.text = text
        self.expires = expires
    }
}

/// A calendar day without a time zone.
public struct CivilDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public init(daysSinceEpoch z0: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }
}
