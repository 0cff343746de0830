import SafepostModel
import SafepostScanning
import Testing

/// Names of the roster met where they are someone else's: a famous person's full name with a
/// roster surname that is not theirs, the author's own relative ("my Ibrahim" in a post about
/// the family), a parent's own child by a given name several children share, a parent's own
/// news of their own child; and names of the roster met in forms the reader missed: a child
/// placed in a room of the setting, a misspelt name that owns something, and "the Hussain
/// family" as that family's grown-ups.
@Suite("Family members, famous people and other readings of a roster name")
struct FamilyAndFamousNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": """
        name,aliases
        Oliver Brown,Olly
        Safiya Islam,
        Yusuf Uddin,Yusi
        Mohammed Zayn Iqbal,Mo;Zayn
        Muhammad Ali Hussain,Ali
        Muhammad Yasin Rahman,Yasin
        Ibrahim Mahmood,
        Ayesha Khan,
        Grace Hickman,

        """,
        "carers.csv": """
        name,aliases,children
        Parveen Hussain,,Muhammad Ali Hussain
        Imran Rahman,,Muhammad Yasin Rahman
        Jade Hickman,,Grace Hickman

        """,
        "staff.csv": """
        name,aliases
        Nasreen Malik,Mrs Malik
        Kelly Nash,

        """,
    ])

    static func categories(_ text: String, role: Role = .staff, author: String? = nil) -> Set<Category> {
        Set(Fixtures.screen(text, role: role, author: author, rules: rules).findings.map(\.category))
    }

    @Test("a given name before a roster surname that is not its person's is someone else", arguments: [
        ("Yusuf Islam – Peace Train on repeat while I do the ironing", false),
        ("Zayn Malik's new album is a banger", false),
        ("Yusuf Uddin was so funny today", true),     // the child's own full name
        ("Yusuf was so funny today", true),
        ("Zayn Iqbal drew a rocket", true),
    ])
    func famousFullName(_ text: String, child: Bool) {
        #expect(Self.categories(text).contains(.childMention) == child, "\(text)")
    }

    @Test("a relative's word after someone else's name is that person's relative, not the author's", arguments: [
        ("Fun fact: Prof Kelly's daughter Safiya and my son are in the same room", true),
        ("Nasreen's son Ibrahim drew me a rocket", true),
        ("My daughter Safiya and my son are in the same room", false),
        ("my sister's daughter Safiya is staying this weekend", false),
    ])
    func othersRelative(_ text: String, child: Bool) {
        #expect(Self.categories(text, role: .parent, author: "Kelly Nash").contains(.childMention) == child, "\(text)")
    }

    @Test("a name owning a parent is someone, after 'that' too", arguments: [
        ("Ali told me today that Yusuf's daddy shouts loud", true),
        ("Ali told me today that Yusuf's mum was crying", true),
        ("Ali told me today that Yusuf Islam songs are the best", false),
    ])
    func owningAParent(_ text: String, child: Bool) {
        #expect(Self.categories(text, role: .parent, author: "Parveen Hussain").contains(.childMention) == child, "\(text)")
    }

    @Test("a lowercase name in a draft whose sentences start in small letters", arguments: [
        ("honestly yusi is the funniest kid ever, he called me 'Miss Kelly' all day", true),
        ("Honestly yusi is the funniest kid ever, he called me 'Miss Kelly' all day", false),
        ("honestly yusi is the funniest kid ever. He called me Miss Kelly all day", false),
    ])
    func lowercaseWriter(_ text: String, child: Bool) {
        #expect(Self.categories(text).contains(.childMention) == child, "\(text)")
    }

    @Test("'my' or 'our' before a name in a post about the author's family is their relative", arguments: [
        ("Eid Mubarak from our family to yours! My Ibrahim wore his first shalwar kameez to the mosque", false),
        ("My Ibrahim starts secondary school in September, my son is so grown up", false),
        ("My Ibrahim was a star at circle time today", true),        // no family in the draft
        ("Our family loved the fair and Ibrahim won the tombola", true),  // not "my Ibrahim"
    ])
    func ownFamily(_ text: String, child: Bool) {
        #expect(Self.categories(text).contains(.childMention) == child, "\(text)")
    }

    @Test("a word for a grandchild before a name makes it the author's relative")
    func grandchildWord() {
        #expect(!Self.categories("Mashallah my pota Muhammad recited Surah Fatiha tonight").contains(.childMention))
    }

    @Test("a parent's own child by a given name other children share is their own")
    func sharedGivenName() {
        let text = "Mashallah Muhammad recited Surah Fatiha for the whole family tonight"
        #expect(!Self.categories(text, role: .parent, author: "Parveen Hussain").contains(.childMention))
        #expect(Self.categories(text, role: .parent, author: "Jade Hickman").contains(.childMention))
    }

    @Test("a parent's own news of their own child is theirs to tell; another child's is not")
    func ownChildsNews() {
        let own = Self.categories("Yasin has been diagnosed with autism, we're still taking it in", role: .parent, author: "Imran Rahman")
        #expect(!own.contains(.personalInfo))
        let other = Self.categories("Ayesha has been diagnosed with autism, her mum told me", role: .parent, author: "Imran Rahman")
        #expect(other.contains(.personalInfo))
        // Someone else's news beside the own child stays.
        let beside = Self.categories("The lady who looks after Yasin at nursery has been diagnosed with cancer", role: .parent, author: "Imran Rahman")
        #expect(beside.contains(.personalInfo))
        // The author's own family by its name: theirs to tell; another family's is not.
        let family = Self.categories("The Rahmans are moving to Leeds in the new year, Yasin will miss his friends", role: .parent, author: "Imran Rahman")
        #expect(!family.contains(.personalInfo))
        let others = Self.categories("The Hickmans are moving to Leeds in the new year, Yasin will miss his friends", role: .parent, author: "Imran Rahman")
        #expect(others.contains(.personalInfo))
    }

    @Test("a name-word placed in a room of the setting, or from one, is a child", arguments: [
        ("Grace in the 2s room said 'I love you' today", true),
        ("Grace in the baby room cried all morning", true),
        ("Grace in the living room is my favourite painting", false),
        ("Grace from the baby room is starting school in September", true),
        ("Grace from the living room window is my favourite painting", false),
    ])
    func placedInRoom(_ text: String, child: Bool) {
        #expect(Self.categories(text).contains(.childMention) == child, "\(text)")
    }

    @Test("a misspelt name that owns something is a child")
    func misspeltPossessive() {
        #expect(Self.categories("Aysha's first words in English today were 'toilet!'").contains(.childMention))
        #expect(!Self.categories("Aysha is a lovely name for a cat").contains(.childMention))
    }

    @Test("'the <surname> family' names that family's grown-ups, for what is said of them")
    func surnameFamily() {
        let text = "Did you hear about the Hussain family? Social services came to the house yesterday"
        #expect(Self.categories(text, role: .parent, author: "Jade Hickman").contains(.personalInfo))
        #expect(!Self.categories("Did you hear about the Smith family? Social services came to the house", role: .parent, author: "Jade Hickman").contains(.personalInfo))
    }

    /// "my bestie Ayesha" is the author's friend; "her bestie ayesha" or "grace's bestie ayesha"
    /// (a roster name owning, in small letters) is someone else's, as a child's friend at pick-up
    /// is: a person, read as the name says.
    @Test("a friend or sibling of someone else's is a person", arguments: [
        ("iris and her bestie ayesha at pick up, matching plaits", true),
        ("his cousin Ayesha came to the party", true),
        ("me and my bestie ayesha at the spa", false),
        ("happy birthday to grace's bestie ayesha, party at the hall saturday", true),
    ])
    func othersPeer(_ text: String, expected: Bool) {
        #expect(Self.categories(text, role: .parent, author: "Jade Hickman").contains(.childMention) == expected, "\(text)")
    }

    /// "Father Andreas", "Imam Yusuf", "Hagia Sophia": a clergyman or a church, not the child.
    @Test("a clergy title or a church's saint before a name", arguments: [
        ("Imam Yusuf gave a lovely talk at the mosque tonight", false),
        ("Father Ibrahim blessed the new hall", false),
        ("Yusuf gave a lovely talk at show and tell", true),
    ])
    func clergy(_ text: String, expected: Bool) {
        #expect(Self.categories(text).contains(.childMention) == expected, "\(text)")
    }
}

/// "me" for "my" in dialect, with a word between it and the name ("me own lad Oliver"), is the
/// author's own child; "tell me Oliver" is no one's, and the name stays the child. "Our Oliver"
/// in a draft by a proud aunty is her own family.
@Suite("The author's own child after dialect \"me\"")
struct DialectOwnChildTests {
    @Test("own child or the setting's", arguments: [
        ("me own lad Oliver started big school in September, 11 going on 30", false),
        ("me little lad Oliver got his first trophy at footy", false),
        ("can someone tell me Oliver is ok after the fall at nursery", true),
        ("Our Oliver graduated from De Montfort today 🎓 proudest aunty ever", false),
    ])
    func dialectMy(_ text: String, isChild: Bool) {
        #expect(Fixtures.categories(text).contains(.childMention) == isChild, "\(text)")
    }
}

/// Words of the lexicon's name-words that are also names ("prem", "sora", "nila") count only
/// in a person's context; the person verbs make them one ("sora pushes him").
@Suite("More ordinary words that are names")
struct MoreNameWordTests {
    static let rules = Fixtures.ruleSet(addingChildren: "Sora Tanaka,\nPrem Sandhu,\nNila Sivakumar,\n")

    @Test("a word or a child", arguments: [
        ("prem is back and my husband is unbearable again", false), ("sora ga kirei, autumn walk round the park", false),
        ("full moon tonight, amma always sang nila nila odi vaa", false),
        ("peter keeps coming home saying sora pushes him off the bikes every day", true),
    ])
    func wordOrChild(_ text: String, isChild: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.childMention) == isChild, "\(text)")
    }
}

/// A name given to someone ("they've called her Oliver") is a baby or a pet being named, not the
/// child; "a boy called Oliver" still is the child.
@Suite("A name being given")
struct NameBeingGivenTests {
    @Test("named or the child", arguments: [
        ("My cousin had her baby!! 7lb 2oz and they've called her Poppy", false),
        ("new puppy!! we've named him Oliver after my grandad", false),
        ("a boy called Oliver bit me at nursery today", true),
        ("POV: a 3 year old called Poppy tells you your lanyard is a bit boring", true),
        ("a dog called Poppy tells you more than words can", false),
        ("Whoever's kid bit me today, his name's River apparently, sort it out", true),
        ("her name is Summer and she's an absolute star", true),
        ("the name Summer is so pretty", false),
        ("Got a new puppy!! her name is Summer 🐶", false),
    ])
    func named(_ text: String, isChild: Bool) {
        #expect(Fixtures.categories(text).contains(.childMention) == isChild, "\(text)")
    }
}

/// Another business that bears the name's words before a word of its trade ("Sunshine Kids
/// Parties") is not the setting.
@Suite("A business named like the setting")
struct BusinessNamedLikeSettingTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Sunshine Kids Club\nSunshine Club\n"])

    @Test("another business or the setting", arguments: [
        ("Sunshine Kids Parties did the bouncy castle for our Lily's 5th, would recommend", false),
        ("Sunshine Kids Club staff night out tonight", true),
    ])
    func business(_ text: String, isSetting: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == isSetting, "\(text)")
    }
}

/// A form of address after a name in another language (lexicon `address-after`: "bhai", "apa")
/// makes the name a grown-up's: no child of that name, but the staff and carers so called.
@Suite("A form of address after a name")
struct AddressAfterNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "staff.csv": "name,aliases\nHema Patel,Hema Masi\nKelly Nash,\n",
        "children.csv": "name,aliases\nOliver Brown,Olly\nRaihaan Ahmed,\nHema Shah,\n",
        "carers.csv": "name,aliases,children\nJenna Brown,,Oliver Brown\n",
    ])

    @Test("no child", arguments: [
        "Oliver bhai congratulations on the new job!! treat incoming", "Raihan bhai congratulations on the new job",
        "Hema apa got married today, my best friend since year 7",
    ])
    func noChild(_ text: String) {
        #expect(!Fixtures.categories(text, rules: Self.rules).contains(.childMention), "\(text)")
    }

    @Test("the member of staff so called")
    func staff() {
        #expect(Fixtures.categories("hema masi's been signed off with stress, don't say I told you", rules: Self.rules).contains(.personalInfo))
        #expect(Fixtures.categories("Oliver was in bits at drop off", rules: Self.rules).contains(.childMention))
    }
}

/// A title right before a child's full name names a grown-up of that name ("Dr Oliver Brown's
/// lecture", "Shaykh Hamza Yusuf"); "Miss", which staff are called by, leaves the child.
@Suite("A title before a full name")
struct TitleBeforeFullNameTests {
    @Test("a titled grown-up or the child", arguments: [
        ("Dr Oliver Brown's lecture on sleep is tonight", false),
        ("Shaykh Oliver Brown led the prayers beautifully", false),
        ("Miss Poppy Vance is 3 today!", true),
        ("Oliver Brown was lovely today", true),
    ])
    func titled(_ text: String, _ child: Bool) {
        #expect(Fixtures.categories(text).contains(.childMention) == child, "\(text)")
    }
}
