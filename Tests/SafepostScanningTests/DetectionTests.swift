import SafepostModel
import Testing

@Suite("Detection with the shipped Rules")
struct DetectionTests {
    /// A roster child in each way a draft may write one (also read with a large roster, in
    /// `NameIndexTests`).
    static let writtenForms = [
        "Oliver was so funny at snack time",
        "oliver brown wouldn't eat his lunch",
        "Olly's painting is on the fridge at work",
        "little O.B. sang all by himself",
        "Ruby O told everyone her news",
        "Theodor Quill finally climbed the frame",
        "Matlida cried because her banana broke",
        "the Whitlocks' youngest has learnt to count",
        "Stоnham kids: Amеlia Thorne was a star",   // Cyrillic о and е
        "Hen\u{200C}ry? no, Fred\u{200B}die Larkspur was hilarious",
        "T e d d y asked if I was a granny",
        "O*l*l*y was so funny today",                    // other spacers, one or two of them
        "O. l. l. y was so funny today",
        "O  l  l  y was so funny today",
        "T/e/d/d/y asked if I was a granny",
        "O🌟l🌟l🌟y was so funny today",                    // a symbol or emoji between the letters,
        "O💫l✨l❤️y was so funny today",                    // not always the same one
        // (commas list letters: "Letters of the week: k, i, t" is clean, see namesAsOrdinaryWords)
        "A m e l i a  T h o r n e was a star",           // a wider gap between the words
        "T. Quill had a lovely day today",                // a dotted initial and the surname
        "OIIy was so funny today",                        // capital I drawn as a small l
        "AmeIia was a star at snack time",
        "Ｏｌｌｙ is the cheekiest",
    ]

    /// Names that are ordinary words, celebrities and brands, in sentences that mention no child.
    static let namesAsOrdinaryWords = [
        "The roses are out and I will be late for book club",
        "Will Smith's new film is brilliant",
        "Grace Kelly was a style icon",
        "Amber weather warning for wind tomorrow",
        "Poppy seed bagels for breakfast",
        "Our ruby wedding anniversary next week",
        "Walked along the river this morning",
        "Oliver Twist at the theatre tonight",
        "Letters of the week: k, i, t",                   // phonics, not spaced letters
        "Rate it: A⭐ B⭐ C⭐ for the soft play",           // symbols after letters a space apart, not between them
        "Hope you all have a lovely weekend",
        "Summer holidays booked, Crete here we come",
        "A willow tree in the garden",
        "Packed my kit bag for netball",
    ]

    @Test("roster children are found in every written form", arguments: writtenForms)
    func childNames(_ text: String) {
        #expect(Fixtures.categories(text).contains(.childMention), "\(text)")
    }

    @Test("names that are ordinary words, celebrities and brands are clean", arguments: namesAsOrdinaryWords)
    func ordinaryWords(_ text: String) {
        #expect(!Fixtures.categories(text).contains(.childMention), "\(text)")
    }

    @Test("ambiguous names count in a person's context", arguments: [
        "Rose told me she's getting a puppy",
        "Poppy V drew the best rainbow",
        "Summer cried when her mum left",
    ])
    func ambiguousNamesInContext(_ text: String) {
        #expect(Fixtures.categories(text).contains(.childMention), "\(text)")
    }

    @Test("indirect mentions of children", arguments: [
        "one of my key children said the funniest thing",
        "A little girl in my room called me mummy",
        "The little ones made pizzas today",
    ])
    func indirectChildren(_ text: String) {
        #expect(Fixtures.categories(text).contains(.childMention), "\(text)")
    }

    @Test("the setting's name in every recognisable form", arguments: [
        "Stonham Aspal Pre-School Christmas lunch",
        "Stonham Aspal preschool parking is awful",
        "#StonhamAspalPreSchool family",
        "Placement at SAPS is great",
        "S.A.P.S staff do on Friday",
        "St0nh4m Asp4l pre school bake off",
        "Stonham\u{200B} Aspal\u{200B} Preschool fire drill",
        "Stоnham Aspal Pre-School",   // Cyrillic о
        "S t o n h a m  A s p a l  Pre-School",
        "Stonham A. Pre-School staff of the month",
        "first day at stonham aspal p-s tomorrow",
        "Stoneham Aspal Pre-School bake off",
        "$tonham Aspal Pre-School",
        "#LoveMyStonhamAspal",
        "2StonhamAspal",
        "S/t/o/n/h/a/m A/s/p/a/l",
        "#SAPSlife = glitter everywhere",
        "@stonhamaspalpreschool is live on insta",
        "s.a.p.s. netball team lost",
        "Lovely day at Stonham's pre-school",        // a distinctive word by a generic one in two words
        "Lovely day at #saps today",                 // the acronym as a whole hashtag
    ])
    func settingName(_ text: String) {
        #expect(Fixtures.categories(text).contains(.settingName), "\(text)")
    }

    @Test("look-alikes of the setting are clean", arguments: [
        "Fishing at Stonham Barns with my dad",
        "Bought a crate of Aspall cider",
        "perhaps saps are rising in the trees",
        "Lovely walk round Stonham this morning",
    ])
    func settingLookAlikes(_ text: String) {
        #expect(!Fixtures.categories(text).contains(.settingName), "\(text)")
    }

    @Test("indirect remarks about work", arguments: [
        "I've had a bad day at work",
        "the little terrors were feral today",
        "counting down to half term",
        "Feeling really undervalued at work lately",
    ])
    func workplaceRemarks(_ text: String) {
        #expect(Fixtures.categories(text).contains(.workplaceRemark), "\(text)")
    }

    @Test("idioms and hobbies are not remarks", arguments: [
        "Bad day at the office for England tonight",
        "Working on my tan this weekend",
        "counting down to my holiday in Spain",
    ])
    func notRemarks(_ text: String) {
        #expect(!Fixtures.categories(text).contains(.workplaceRemark), "\(text)")
    }

    @Test func photosNeedContext() {
        #expect(Fixtures.categories("Pyjama day for Children in Need", image: true).contains(.photo))
        #expect(Fixtures.categories("Olly on the autumn walk", image: true).contains(.photo))
        #expect(!Fixtures.categories("Sunday dinner with the whole family", image: true).contains(.photo))
        #expect(!Fixtures.categories("Pyjama day for Children in Need", image: false).contains(.photo))
    }

    @Test func personalInfoNeedsAPerson() {
        #expect(Fixtures.categories("Get well soon to Helen who's in hospital with pneumonia").contains(.personalInfo))
        #expect(!Fixtures.categories("Got my hospital appointment through at last").contains(.personalInfo))
    }

    @Test func safeguardingConcern() {
        let c = Fixtures.categories("One of my key children has had three unexplained bruises this month")
        #expect(c.contains(.safeguarding) && c.contains(.childMention))
        #expect(!Fixtures.categories("Bruised my knee at the gym").contains(.safeguarding))
    }

    @Test func parentContact() {
        #expect(Fixtures.categories("Accepted Kerry Vance's friend request, she's lovely").contains(.parentContact))
        #expect(Fixtures.categories("Hi Lucy! Hope it's ok to add you", role: .parent).contains(.parentContact))
        #expect(!Fixtures.categories("Accepted my cousin's friend request").contains(.parentContact))
    }

    /// A parent's friend request is contact with the setting only with its staff in view: a member
    /// of staff named, a word for one, or the setting; a request the parent was sent is not theirs.
    @Test("a parent's friend request needs the setting's staff in view", arguments: [
        ("Just sent Lucy a friend request, hope that's ok!", true),
        ("Sent a friend request to my son's key worker, hope she accepts", true),
        ("Just sent Miss Priya a friend request 😊", true),
        ("Hi Lucy! Hope it's ok to add you", true),
        ("got a friend request from my cousin today", false),
        ("Anyone else had a friend request from one of the nursery staff? Bit awkward, not sure whether to accept 😬", false),
        ("Lucy sent me a friend request lol, awkward. Do I accept?", false),
    ])
    func parentFriendRequest(_ text: String, flagged: Bool) {
        #expect(Fixtures.categories(text, role: .parent, author: "Jenna Thorne").contains(.parentContact) == flagged, "\(text)")
    }
}
