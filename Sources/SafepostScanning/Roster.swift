import SafepostText

import SafepostModel

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

    /// The name split into lowercase words as a draft's text reads them (diacritics folded:
    /// "Mêl" → "mel"); the first is the given name, the last the surname. A hyphenated word is
    /// one word, its parts joined ("Lily-Mae" → "lilymae").
    public var nameWords: [String] { Self.compoundWords(of: name).map { $0.joined() } }

    /// Read as a draft's words are: normalised first (lowercase, diacritics and homoglyphs
    /// folded, typographic apostrophes plain), so "Zieliński" is found as "Zielinski" is written
    /// and as the search text of "Zieliński" reads.
    static func words(of s: String) -> [String] {
        normalised(s).split(whereSeparator: { !$0.isLetter && $0 != "'" && !$0.isNumber }).map(String.init)
    }

    /// A person's name as words of parts: a hyphen joins parts into one word ("Lily-Mae
    /// Adeyemi-Clarke" → [["lily", "mae"], ["adeyemi", "clarke"]]), normalised as `words(of:)`.
    /// A draft may write such a word with its hyphen, a space or nothing between the parts; the
    /// first word is the given name, the last the surname.
    static func compoundWords(of s: String) -> [[String]] {
        normalised(s).split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" && !$0.isNumber })
            .map { $0.split(separator: "-").map(String.init) }
            .filter { !$0.isEmpty }
    }

    private static func normalised(_ s: String) -> String {
        var text = SearchText()
        text.load(s)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// The key `NameIndex.byFullName` files a staff member or carer under, and an author's
    /// name is looked up by.
    static func fullNameKey(of s: String) -> String {
        compoundWords(of: s).map { $0.joined() }.joined(separator: " ")
    }

    /// A full-name key without the title it starts with ("prof vikram iyer" → "vikram iyer"), or
    /// nil when it starts with none or is the title alone.
    static func withoutTitle(_ key: String) -> String? {
        let words = key.split(separator: " ")
        guard words.count > 1, honorifics.contains(String(words[0])) else { return nil }
        return words.dropFirst().joined(separator: " ")
    }

    private static let honorifics: Set<String> = [
        "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "rev", "revd", "sir", "dame", "lady", "lord", "cllr",
    ]
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
