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
}
