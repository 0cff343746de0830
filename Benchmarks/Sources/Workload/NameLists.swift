/// Name lists the roster generator combines. Fixed data: changing them changes every
/// generated roster, so add to the end of a list rather than reordering it.
enum NameLists {
    /// First names of young children in England and Wales, a spread of recent popular
    /// names and the communities a Suffolk pre-school serves.
    static let childFirstNames = [
        "Oliver", "George", "Arthur", "Noah", "Muhammad", "Leo", "Oscar", "Harry", "Archie", "Jack",
        "Henry", "Charlie", "Freddie", "Theodore", "Thomas", "Finley", "Alfie", "Jacob", "William", "Isaac",
        "Tommy", "Roman", "Lucas", "Arlo", "Ezra", "Reuben", "Albie", "Hugo", "Ronnie", "Jude",
        "Elijah", "Louie", "Edward", "Max", "Joshua", "Rory", "Sonny", "Mason", "Ethan", "Harrison",
        "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
        "Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
        "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Maya", "Sophie",
        "Alice", "Emilia", "Isabelle", "Ruby", "Luna", "Maisie", "Aria", "Penelope", "Mila", "Bonnie",
        "Eva", "Hallie", "Eliza", "Ada", "Violet", "Esme", "Arabella", "Imogen", "Delilah", "Zara",
        "Aisha", "Amira", "Hannah", "Nia", "Priya", "Kai", "Zayn", "Yusuf", "Ibrahim", "Aarav",
        "Krish", "Kacper", "Zofia", "Olamide", "Chidi", "Tomasz", "Niamh", "Cerys", "Rhys", "Dylan",
        "Callum", "Lachlan", "Ffion", "Gwen", "Morwenna", "Tegan", "Bethan", "Ewan", "Angus", "Ciaran",
        "Summer", "River", "Hope", "Rose", "Autumn", "Brooke", "Jasper", "Felix", "Otis", "Milo",
        "Stanley", "Frankie", "Teddy", "Bobby", "Reggie", "Alba", "Orla", "Aoife", "Maryam", "Hafsa",
        "Ayaan", "Rayan", "Anaya", "Ishaan", "Zuzanna", "Antoni", "Nikola", "Chioma", "Kwame", "Femi",
        "Beatrice", "Clara", "Edith", "Iris", "Margot", "Nancy", "Lottie", "Wren", "Ottilie", "Wilfred",
    ]

    /// First names of adults (carers).
    static let adultFirstNames = [
        "Sarah", "Emma", "Laura", "Claire", "Rebecca", "Gemma", "Hayley", "Kirsty", "Lisa", "Nicola",
        "Joanne", "Michelle", "Rachel", "Amy", "Stacey", "Natalie", "Helen", "Kerry", "Leanne", "Jodie",
        "Danielle", "Vicky", "Lucy", "Katie", "Jenny", "Becky", "Zoe", "Fiona", "Hannah", "Jade",
        "James", "David", "Daniel", "Mark", "Paul", "Chris", "Matt", "Andy", "Gareth", "Stuart",
        "Lee", "Craig", "Darren", "Wayne", "Jamie", "Ben", "Tom", "Dan", "Rob", "Steve",
        "Ian", "Neil", "Owen", "Rhodri", "Aled", "Kwame", "Tariq", "Imran", "Piotr", "Marta",
        "Agnieszka", "Ana", "Deepa", "Nkechi", "Chioma", "Aoife", "Ciara", "Sian", "Bola", "Farah",
        "Ruth", "Alison", "Karen", "Tracey", "Donna", "Sam", "Alex", "Jo", "Kim", "Ashley",
    ]

    /// Common British surnames (several are also ordinary words, as real rosters are).
    static let surnames = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez",
        "Cox", "Alexander", "Morgan", "Moore", "Mills", "King", "Harris", "Scott", "Baker", "Turner",
        "Hill", "Young", "Cooper", "Ward", "Hughes", "Edwards", "Parker", "Carter", "Bennett", "Shaw",
        "Begum", "Ali", "Hussain", "Ahmed", "Singh", "Kaur", "Nowak", "Kowalski", "Wisniewski", "Okafor",
        "Adeyemi", "Mensah", "Murphy", "Kelly", "O'Brien", "Campbell", "Stewart", "MacDonald", "Fraser", "Reid",
        "Griffiths", "Price", "Rees", "Howells", "Pritchard", "Penrose", "Trelawney", "Pascoe", "Fox", "Bird",
        "Fisher", "Marsh", "Butler", "Barker", "Palmer", "Fletcher", "Chapman", "Webb", "Gray", "Knight",
        "Hunt", "Bailey", "Stone", "Rowe", "Lamb", "Lane", "Dean", "Pearce", "Warren", "Holmes",
    ]

    /// Parts of English place-name surnames; combined they give ~1,200 plausible surnames
    /// (Ashford, Whitley, Penwick …) so a 100,000-child roster has unique names.
    static let surnameStems = [
        "Ash", "Brook", "Pen", "Tre", "Black", "Whit", "Hart", "Fen", "Thorn", "Ald",
        "Brad", "Cald", "Dun", "Glen", "Hol", "Kings", "Lang", "Mar", "North", "Oak",
        "Red", "Ship", "Stan", "Wen", "Brom", "Carr", "Tal", "Elm", "Hay", "Crom",
        "Ather", "Bex", "Chad", "Dray", "Eller", "Farn", "Goss", "Haver", "Ingle", "Lin",
    ]
    static let surnameEndings = [
        "ford", "ley", "ton", "wick", "worth", "field", "by", "wood", "more", "stead",
        "bridge", "ham", "den", "well", "cott", "dale", "gate", "hurst", "combe", "shaw",
        "brook", "low", "mere", "thorpe", "bury", "sey", "nall", "cliffe", "holme", "ridge",
    ]

    /// Short forms written instead of a child's name; the roster lists them as aliases.
    static let nicknames: [String: [String]] = [
        "Oliver": ["Olly", "Ollie"], "Theodore": ["Theo", "Teddy"], "William": ["Will", "Billy"],
        "Matilda": ["Tilly"], "Isabella": ["Bella", "Izzy"], "Alexander": ["Alex"], "Edward": ["Eddie", "Ted"],
        "Frederick": ["Freddie"], "Charlotte": ["Lottie"], "Penelope": ["Penny"], "Florence": ["Flo", "Florrie"],
        "Amelia": ["Millie"], "Elizabeth": ["Lizzie"], "Thomas": ["Tom", "Tommy"], "Joshua": ["Josh"],
        "Harrison": ["Harry"], "Evelyn": ["Evie"], "Margot": ["Margo"], "Arabella": ["Bella"], "Imogen": ["Immy"],
        "Henry": ["Hal"], "Jacob": ["Jake"], "Muhammad": ["Mo"], "Ibrahim": ["Ibby"], "Zuzanna": ["Zuza"],
        "Wilfred": ["Wilf"], "Reuben": ["Reubs"], "Beatrice": ["Bea"], "Eliza": ["Liza"],
    ]
}
