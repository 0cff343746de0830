import SafepostModel
import SafepostScanning
import Testing

/// Children named after places ("Kerry", "Clare", "Florence", "Skye", "Paris") met as the place:
/// where someone travels or stays, or in a place's own name; and the same names as children.
@Suite("Given names that are also places")
struct PlaceNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": """
        name,aliases
        Kerry O'Mahony,
        Clare Daly,
        Florence Hart,Flo
        Skye Munro,
        Paris Okoro,

        """,
        "carers.csv": """
        name,aliases,children
        Siobhan Daly,,Clare Daly

        """,
    ])

    static func namesAChild(_ text: String) -> Bool {
        Fixtures.screen(text, role: .staff, rules: rules).findings.contains { $0.category == .childMention }
    }

    @Test("travel to, from or in a place, or the place's own name", arguments: [
        "Fab weekend in Kerry, drove the whole Ring of Kerry in glorious sunshine",
        "Drove down to Clare for the weekend with my sister, she loved the Burren",
        "Booked a flight to Paris for my 40th!!",
        "Just back from Florence, the gelato was unreal",
        "Two nights on the Isle of Skye and it rained the whole time",
        "My nan was born in Kerry and never lost the accent",
        "We flew back from Paris last night and I'm shattered",
    ])
    func place(_ text: String) {
        #expect(!Self.namesAChild(text), "\(text)")
    }

    @Test("the same names as children", arguments: [
        "Kerry told me she's going to be a dinosaur when she grows up",
        "I went over to Clare and she was crying her eyes out",
        "Paris told me her tower was the tallest in the room",
        "Spent the morning in the garden with Florence and Skye, they found a frog",
        "drove to Kerry's for the party, her mum had done a bouncy castle",
    ])
    func child(_ text: String) {
        #expect(Self.namesAChild(text), "\(text)")
    }

    static let others = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nMarley Ashworth,\nFrankie Sutcliffe,\nZed Okafor,\nMarvel Mensah,\nKai Chen,\nBernadette Walsh,\n",
        "carers.csv": "name,aliases,children\nLeanne Ashworth,,Marley Ashworth\n",
    ])

    static func othersNameAChild(_ text: String) -> Bool {
        Fixtures.screen(text, role: .staff, rules: others).findings.contains { $0.category == .childMention }
    }

    @Test("a film, a restaurant, a letter, a brand, a saint or the author's own family", arguments: [
        ("Marley & Me is on telly and I'm an absolute wreck", false),
        ("Frankie & Benny's for my 19th, best night", false),
        ("it's ZED not zee and i will die on this hill", false),
        ("Marvel marathon with my two tonight", false),
        ("my eldest Kai scored a hat trick this morning", false),
        ("my Kai turns ONE on Saturday!! where has this year gone", false),   // the author's own
        ("our Kai turns 4 on Saturday, he was so funny at snack", true),
        ("a candle at St Bernadette's grotto in Lourdes", false),
        ("Marley's on Montagu Street does the best pizza in town", false),
        ("Marley's on the climbing frame again", true),
        ("Marley told me he loves dinosaurs", true),
        ("Zed told me he loves dinosaurs", true),
        ("Kai scored a hat trick in the garden at nursery", true),
        ("Bernadette's mum was late again", true),
    ])
    func notAChild(_ text: String, child: Bool) {
        #expect(Self.othersNameAChild(text) == child, "\(text)")
    }
}
