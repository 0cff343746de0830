import SafepostModel
import Testing

/// Children's names that are also ordinary words ("Rose", "Hope") count as people only in a
/// person's context; a disguised spelling is such a context, a diacritic is not.
@Suite("Names that are ordinary words")
struct NameWordContextTests {
    static func namesAChild(_ text: String) -> Bool {
        Fixtures.categories(text).contains(.childMention)
    }

    @Test("disguised letters make the word a name", arguments: [
        "Hop\u{0435} was in the garden all afternoon",  // Cyrillic е
        "R\u{043E}se was in the garden all afternoon",   // Cyrillic о
        "Ro\u{200B}se was in the garden all afternoon",  // zero-width space inside
        "\u{FF32}\u{FF4F}\u{FF53}\u{FF45} was in the garden all afternoon",  // fullwidth
        "R0se was in the garden all afternoon",
    ])
    func disguised(_ text: String) {
        #expect(Self.namesAChild(text), "\(text)")
    }

    @Test("plain or accented ordinary words stay words", arguments: [
        "Rose was in the garden all afternoon",   // the same words undisguised: no person's context
        "Rosé all day 🍷",
        "rosé or prosecco tonight?",
        "Hope you're all well",
        "I hope mum is ok",                   // a verb after its subject
        "we will see her tomorrow",
    ])
    func plain(_ text: String) {
        #expect(!Self.namesAChild(text), "\(text)")
    }

    @Test("one adverb may stand between the name and a person verb; known by a place", arguments: [
        ("Hope just told me her nan has a tattoo", true),
        ("Rose always says the funniest things", true),
        ("Rose finally cried at pick-up", true),
        ("Hope just works, doesn't it", false),
        ("Hope from nursery came to our party", true),   // known by where they are
        ("no hope from the council at all", false),
        ("I hope Rose gardens are open", false),
        ("River was so funny today", true),        // two adverbs, then a person's state
        ("Mo was poorly today", true),
        ("Rose was so proud of her painting", true),   // a person's state, after one adverb
        ("Summer was so hot this year", false),
        ("Happy birthday Rose!", true),            // greeted or praised
        ("Well done Teddy!", true),
        ("Summer is 3 today", true),               // an age right after the name
        ("Ruby (3) made a card for her mum", true),
        ("Will is 3 today", true),
        ("summer is 3 weeks away", false),
        ("Mr Brown fixed my car", false),          // a title names a grown-up
        ("Happy birthday Grace! 30 and fabulous", false),  // a grown-up's age
        ("our Hope, aged 31, passed her driving test", false),
        ("Happy birthday Rose! 30 mins till the party", true),
        ("Rose's Cafe does the best scones", false),       // a business named after someone
        ("Rose, aged 3, made a card", true),
        ("Rose just turned 3", true),
        ("Great job Daisy!", true),
        ("River is 3 feet deep here", false),              // a measure, not an age
        ("Poppy (3 for £5) at the garden centre", false),
        ("Well done Summer fair volunteers!", false),      // a thing named for the season
        ("Nanny Rose was so funny", false),                // the author's relative
        ("Are you coming to Olly's 40th on Saturday?", false), // a grown-up's birthday
        ("Ruby came for tea after nursery, carnage", true),  // a visit
        ("Hope came for a sleepover on Friday", true),
        ("summer came for us all too soon", false),
        ("River talks about you non stop", true),
        ("Ruby turned up late again with no coat", true),
    ])
    func adverb(_ text: String, expected: Bool) {
        #expect(Self.namesAChild(text) == expected, "\(text)")
    }
}

/// "Olivers mum": a child's possessive written without its apostrophe, as chats often do.
@Suite("Possessives without an apostrophe")
struct PossessiveWithoutApostropheTests {
    @Test("before a person word", arguments: [
        ("Ollys mum said no", true),
        ("olivers dad is lovely", true),
        ("Hopes mum has left her dad apparently", true),
        ("She hopes mum is ok", false),            // a verb after its subject
        ("she hopes so too", false),
        ("Olivers are lovely names", false),       // not before a person word
        ("the roses are out", false),
        ("Ollys painting is on the wall", true),   // before what the child owns
        ("Theos coat is missing again", true),
        ("Theos and Olivers everywhere this year", false),
        ("What a lovely summers day!", false),             // an ordinary word with an s
        ("Takeaway from Theos pizza tonight", false),      // a business named after someone
        ("Made Jamie Olivers lasagne recipe tonight", false),
        // Lowercase in a draft with capitals: before a person word, a name that is no word counts;
        // a name-word with an "s" does not, nor what a lowercase name seems to own.
        ("Friend request from maisies dad tonight, do I accept? Not sure", true),
        ("Saw archies mum in Tesco and she blanked me, Monday vibes", true),
        ("Bought roses mum wanted for the garden on Monday", false),
        // A lone "I" is no sign that the draft capitalises names (phones capitalise it).
        ("loved archies painting today, I cried", true),
        // The "s" of "has": "been" after a name; a name-word also needs a person word after it.
        ("Olivers been a superstar this week", true),
        ("Poppys been poorly all week bless her", true),
        ("Summers been lovely this year", false),
        ("Roses been pruned right back", false),
        // A name-word with an "s" capitalised inside a sentence owns what follows, but not after
        // an article (a room's name).
        ("look at Rubys painting, she says it's me", true),
        ("thank you to the Rubys room for a lovely year", false),
    ])
    func possessive(_ text: String, expected: Bool) {
        #expect(NameWordContextTests.namesAChild(text) == expected, "\(text)")
    }

    /// A member of staff's name with its "s" ("Helens off sick"): their personal news is found
    /// as it is with the apostrophe.
    @Test("a member of staff's", arguments: [
        ("Helens off sick again with her back, third time this month", true),
        ("helens off sick again with her back", true),
        ("the helens off the estate are sick of the bins", false),
    ])
    func staff(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text).contains(.personalInfo) == expected, "\(text)")
    }
}

/// A roster of nature word-names (a forest school's): the plants, trees, birds and seasons they
/// are stay words ("Moss on the wall", "Ash dieback", "fern and moss on every rock"); the
/// children count in a person's context, a list of capitalised names or a pitying word included.
@Suite("Nature words that are names")
struct NatureWordNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nMoss Fenwick,\nAshton Briggs,Ash\nFern Tolley,\nHazel Pike,\nRowan Day,\nStorm Adair,\nOak Lund,\nSummer Lowe,\nAutumn Reyes,\nJourney Matthews,\nOliver Brown,Olly\n",
        "carers.csv": "name,aliases,children\nSarah Brown,,Oliver Brown\n",
    ])

    @Test("plants, trees and seasons stay words", arguments: [
        "Moss on the dry-stone wall is glowing after all this rain",
        "Ash dieback everywhere sadly, half the trees will have to come down",
        "fern and moss on every rock, never get bored of it",
        "Spent the day coppicing hazel with the volunteers",
        "Oak and birch leaves all over the lawn",
        "Rowan, hazel and oak in the hedge we planted",  // a list in lowercase after one capital
        "Winter, Rowan, Storm: the themes of the craft week",
        "we had a poor summer for the veg patch",
        "new menus for Spring, Summer, Autumn and Winter",  // a list with other capitalised words
        "Journey to Falmouth this weekend to see my old housemates",
    ])
    func words(_ text: String) {
        #expect(Fixtures.childMatches(text, rules: Self.rules).isEmpty, "\(text)")
    }

    @Test("the children in a person's context", arguments: [
        ("little moss wouldn't put his waterproofs on", "moss"),
        ("moss wouldnt let go of my scarf all morning at drop off", "moss"),  // no apostrophe
        ("Ash spent forty minutes scooping ash out of the fire pit", "Ash"),
        ("He's invited his whole group, so that's Rowan, Storm, Moss, Hazel and half the town", "Hazel"),
        ("Heard they're splitting up. Poor Ash", "Ash"),
        ("Party invites went to Rowan, Storm and Oak today", "Storm"),
        ("Moss was so funny today", "Moss"),
        ("Journey cried at drop off", "Journey"),
    ])
    func children(_ text: String, name: String) {
        #expect(Fixtures.childMatches(text, rules: Self.rules).contains(name), "\(text)")
    }
}

/// Name-words read from the words right around them: an article before "little" ("a little
/// wren"), an endearment ("our own little miracle"), a possessive before what a child makes or
/// owns ("Teddy's painting"), a child had round for a playdate, an age no child of the setting
/// has ("our Harrison is 7 today"), and a lowercase full name with its surname's possessive
/// written without the apostrophe ("brooke sutcliffes mum").
@Suite("Names read in the words around them")
struct NameInContextTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": """
        name,aliases
        Wren Maltby,
        Hope Waddingham,
        Willow Chambers,
        Miracle Moyo,
        Angel Okafor,
        Harrison Wood,Haz
        Brooke Sutcliffe,
        Summer Ashdown,
        Theodore Quill,Teddy
        Rose Whitlock,
        Will Fenwick,

        """,
        "carers.csv": """
        name,aliases,children
        Lauren Chambers,,Willow Chambers
        Shannon Sutcliffe,,Brooke Sutcliffe

        """,
    ])

    static func namesAChild(_ text: String, role: Role = .staff, author: String? = nil) -> Bool {
        Fixtures.screen(text, role: role, author: author, rules: rules).findings.contains { $0.category == .childMention }
    }

    @Test("an article before 'little' makes a thing of a name-word", arguments: [
        ("First frost on the barley stubble this morning, and a little wren on the gate", false),
        ("There's a little robin on the feeder and the little wren is back", false),
        ("little Wren cried at drop-off", true),
        ("Little Wren cried at drop-off", true),
        ("a little Wren cried at drop-off", true),     // a person verb still makes someone
    ])
    func articleBeforeLittle(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("a lowercase name-word after 'my' or 'our' (own) 'little' is an endearment", arguments: [
        ("Alhamdulillah, our own little miracle turns 1 today 🎂 Yusuf you are our whole world", false),
        ("Goodnight to my little angel, she's been so poorly", false),
        ("So proud of our little Miracle today", true),          // capitalised: someone
        ("Miracle turns 3 today", true),
        ("little miracle cried at drop-off today", true),       // no "my" or "our"
    ])
    func endearment(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("a capitalised name's possessive before what a child makes or owns", arguments: [
        ("Teddy's painting is on the wall", true),
        ("I loved Teddy's painting today", true),
        ("Rose's drawing of her mum", true),
        ("Will's collage is drying by the window", true),
        ("we did rose painting in the garden", false),
        ("our summer painting project", false),
        ("Will drawing be on the curriculum?", false),
        ("Summer painting session at 10", false),
    ])
    func possessiveBeforeOwnedThing(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("had round for a playdate, for tea or to play", arguments: [
        ("Willow had Hope round for a playdate and they built a den under the hedge", true),
        ("We had Hope over for tea last night", true),
        ("Having Rose round to play on Saturday", true),
        ("We had hope for a while that it would stay dry", false),
        ("Had Summer over in Spain, back to the rain now", false),
    ])
    func haveRound(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text, role: .parent, author: "Lauren Chambers") == child, "\(text)")
    }

    @Test("an age of 6 or more right after a name is someone older's", arguments: [
        ("Can't believe our Harrison is 7 today 🎂 where has the time gone", false),
        ("Harrison turns 8 on Saturday, party booked", false),
        ("Harrison 9 today! Where does it go", false),
        ("Harrison (10) won the cross country", false),
        ("Harrison is seven today", false),
        ("Harrison is 3 today", true),
        ("Summer is 3 today", true),
        ("Harrison was 10 minutes late again", true),       // a number of something else
        ("our Harrison passed his driving test first time!!", false),  // a grown-up's milestone
        ("our Harrison's stag in Galway this weekend, pray for Galway", false),
        ("Harrison by the Kinks came on shuffle", false),                 // a song's title
        ("Mount Harrison harvest service this Sunday, all welcome", false), // a place
        ("Storm Harrison is due in on Thursday, tie the trampoline down", false), // a named storm
        ("Walked the River Harrison path on our holidays", false),
        ("92 year old Harrison from next door brought round a lasagne", false), // an age before
        ("3 year old Harrison was a star at snack", true),
        ("Harrison by Mrs Brown's desk was crying", true),
        ("Harrison turned 4 yesterday", true),
        ("me and our Harrison at the match, cant believe he's 14 now", false), // "he's" later, with "our"
        ("our Harrison was a star at snack, he's 3 now", true),
        ("Harrison at the match, he's 14 now", true),                   // no "my" or "our": not the author's
        ("our Harrison at swimming, he's 14 weeks off his next badge", true), // a count of something else
    ])
    func olderAge(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("the author's own family: 'my' with a fond word, 'our' beside a proud parent, a relative's child", arguments: [
        ("Our Harrison scored his first goal for the under 7s, proudest mammy in the county", false),
        ("My wee Harrison got star of the week at school", false),
        ("My little Harrison was a star at circle time today", true),     // a draft about work
        ("My sister's wee girl Brooke is 3 today", false),
        ("my sister's little boy Harrison started at nursery today", true), // about a setting
        ("My neighbour's boy Harrison goes to the park with my two", true), // not a relative
        ("Our Harrison was an angel at snack today", true),
        ("Harrison (my godson in Leeds) drew me a dinosaur", false),
        ("Brooke, my niece, is 3 today", false),
        ("Our Brooke (my nan!!) is 90 today, still makes the best bara brith", false),
        // Once the author's own, the same name later in the draft is the same person.
        ("my son Harrison scored today, Harrison was buzzing", false),
        ("Congrats to my cousin Brooke on graduating, Nurse Brooke now!", false),
        ("Babysitting my nephews Harrison and Teddy this weekend", false),  // and the second after "and"
        ("BABY HARRISON IS HERE, my sister had a boy at 3am", false),        // a newborn
        ("my nephew's aqiqah on Saturday, baby Harrison is 7 days old", false),
        ("so emotional, welcome to the world baby Harrison", false),
        ("baby Harrison is 3 today and still in the baby room", true),      // a child's age in years
        ("Mój Harrison dostał dziś piątkę z matmy", false),                 // Polish "my"
    ])
    func ownFamily(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("a name-word arriving is someone; the season coming is not", arguments: [
        ("need to vent. Summer came in with fingertip bruises on her arm again", true),
        ("Summer comes round for tea on Fridays", true),
        ("Summer came early this year, the garden loved it", false),
        ("Summer has come in twice this week in the same damp clothes", true),
    ])
    func arriving(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("a lowercase full name with the surname's possessive written without its apostrophe", arguments: [
        ("brooke sutcliffes mum has been on long term sick with her nerves since the summer", true),
        ("Brooke Sutcliffes dad picked her up", true),
        ("the brook was high after the rain", false),
    ])
    func surnamePossessive(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }

    @Test("'that' before a name that is no word is a conjunction; before a word-name, a thing", arguments: [
        ("I heard that Harrison was poorly today", true),
        ("Lauren said that Haz bit someone at snack", true),
        ("that Rose bush in the garden is huge", false),
        ("this Summer has been a washout", false),
        ("that WILL kid is always the one pushing", true),   // pointed at, before a person noun
        ("this Rose girl pushed my son off the slide", true),
    ])
    func conjunctionThat(_ text: String, child: Bool) {
        #expect(Self.namesAChild(text) == child, "\(text)")
    }
}
