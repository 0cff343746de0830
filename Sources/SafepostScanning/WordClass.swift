/// Classes of ordinary words that tell the scanner how to read the names around them.
/// The word lists come from the Rules folder (`lexicon.conf`), so they can be edited without code.
public struct WordClass: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// An ordinary word that is also a given name ("rose", "will"): a person only in a person's context.
    public static let nameWord = WordClass(rawValue: 1 << 0)
    /// A word after a name that makes it a person ("told", "cried", "wouldn't").
    public static let personVerb = WordClass(rawValue: 1 << 1)
    /// A word after a name that makes it a thing or brand ("tea", "hoover", "wreath").
    public static let thingAfter = WordClass(rawValue: 1 << 2)
    /// A word before a name that makes it a title or a thing ("watched", "finished", "a", "the").
    public static let thingBefore = WordClass(rawValue: 1 << 3)
    /// A word that refers to a person or child after a family name ("boy", "girl", "twins").
    public static let childNoun = WordClass(rawValue: 1 << 4)
    /// A personal pronoun; near an ambiguous name it suggests a person.
    public static let pronoun = WordClass(rawValue: 1 << 5)
    /// A word before a name that suggests a person ("little", "baby", "miss").
    public static let personBefore = WordClass(rawValue: 1 << 6)
    /// A generic word for the kind of setting ("preschool", "nursery").
    public static let settingGeneric = WordClass(rawValue: 1 << 7)
    /// A title before a surname ("mrs", "mr", "miss").
    public static let title = WordClass(rawValue: 1 << 8)
    /// A two-letter dotted abbreviation that is never a child's initials ("a.m.", "e.g.").
    public static let notInitials = WordClass(rawValue: 1 << 9)
    /// An adverb that may stand between a name and a person verb ("Faith just told me").
    public static let personAdverb = WordClass(rawValue: 1 << 10)
    /// A subject pronoun: a lowercase name-word right after it is a verb ("I hope", "we will").
    public static let subjectPronoun = WordClass(rawValue: 1 << 11)
    /// A word after the setting's name that makes it another place ("Sunny Meadows Care Home").
    public static let otherPlace = WordClass(rawValue: 1 << 12)
    /// A place where adults know each other, after "from" ("Osian from my uni course", "Dai
    /// from the rugby club"): the name there is a grown-up's, not a child's of the setting.
    public static let adultPlace = WordClass(rawValue: 1 << 13)
    /// A place that holds other places ("campus", "estate"): the last distinctive word of a
    /// setting's name ("Streatham Campus Day Nursery") makes its distinctive words alone the
    /// place's name, not the setting's (`SettingVariants.derive`). Still a word of the name.
    public static let placeNoun = WordClass(rawValue: 1 << 14)
    /// What a child makes or owns, read only after a possessive name: "Teddy's painting" is
    /// someone's ("we did rose painting" is not). (Bits 15 and 16 are the setting reader's.)
    public static let ownedThing = WordClass(rawValue: 1 << 17)
    /// A business, street or place of worship that a setting never has inside it: after the
    /// setting's words even in small letters ("Wah Sing supermarket", "Guru Nanak gurdwara") it
    /// makes them that place's name. (`otherPlace` needs a capital: the setting has a garden.)
    public static let otherBusiness = WordClass(rawValue: 1 << 18)
    /// A form of address before a name ("Mama Jo", "Aunty Hodan", "Miss Nav"): an alias in the
    /// roster that starts with one is known by the word after it.
    public static let addressWord = WordClass(rawValue: 1 << 19)
    /// A form of address after a name, in another language ("Raihan bhai", "Sumaiya apa",
    /// "Emine teyze"): the name is a grown-up's. Such words go before a name as `addressWord`s
    /// do too. (Bit 20 is the setting reader's.)
    public static let addressAfter = WordClass(rawValue: 1 << 21)
    /// An acronym with a well-known meaning of its own ("cps", "lfc", "nhs"): an acronym of the
    /// setting's name that is one counts only where the words around it make it the setting
    /// (`SettingReader.isOtherAcronym`).
    public static let otherAcronym = WordClass(rawValue: 1 << 22)
}

/// The word lists behind `WordClass`, by class. Keys are lowercase words as written in drafts.
public struct Lexicon: Sendable {
    public var words: [WordClass: [String]]
    /// Well-known phrases with a name in them (`known-phrases`: "hey jude", "said grace"), each
    /// as its lowercase words: a name inside one is the phrase unless what follows it makes it
    /// a person.
    public var phrases: [[String]]

    public init(words: [WordClass: [String]] = [:], phrases: [[String]] = []) {
        self.words = words
        self.phrases = phrases
    }

    /// The section of `phrases`, which holds phrases separated by commas, not words.
    public static let phrasesSection = "known-phrases"

    /// The names the rules files use for each class.
    public static let sectionNames: [(String, WordClass)] = [
        ("name-words", .nameWord),
        ("person-verbs", .personVerb),
        ("thing-after", .thingAfter),
        ("thing-before", .thingBefore),
        ("child-nouns", .childNoun),
        ("pronouns", .pronoun),
        ("person-before", .personBefore),
        ("setting-generic", .settingGeneric),
        ("titles", .title),
        ("not-initials", .notInitials),
        ("person-adverbs", .personAdverb),
        ("subject-pronouns", .subjectPronoun),
        ("other-places", .otherPlace),
        ("other-businesses", .otherBusiness),
        ("address-words", .addressWord),
        ("address-after", .addressAfter),
        ("other-acronyms", .otherAcronym),
        ("adult-places", .adultPlace),
        ("place-nouns", .placeNoun),
        ("owned-things", .ownedThing),
    ]
}
