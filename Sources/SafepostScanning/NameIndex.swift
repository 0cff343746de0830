import SafepostText

/// How a dictionary word refers to a person.
enum NamePart: UInt8, Sendable {
    case given
    case alias
    case surname
    /// A family's plural surname ("browns", "ostrowskis"), read only after "the".
    case surnamePlural
    /// A child's given name or nickname with an "s" and no apostrophe ("olivers"), read only
    /// before a person word: "Olivers mum".
    case givenPossessive
    /// The first part of a hyphenated name ("lily" of "Lily-Mae", "adeyemi" of "Adeyemi-Clarke"):
    /// the name reader joins it with the parts after it and looks the whole up.
    case compoundStart
}

/// One way a word may refer to a roster person.
struct NameRef: Sendable {
    var person: Int32
    var part: NamePart
}

/// A roster person prepared for matching: lowercase words and links resolved to indexes.
struct IndexedPerson: Sendable {
    var kind: PersonKind
    var given: [UInt8]
    var surname: [UInt8]
    /// For carers: indexes of their children in the person list.
    var children: [Int32]
}

/// What one roster word says about everyone it may name, as ranges of `NameIndex.lists`, so the
/// name reader decides once per word, not once per person: in a roster of 100,000 children a
/// common first name or surname is shared by hundreds of them.
struct NameWord: Sendable {
    /// People with this given name or nickname, in roster order (one entry per way it names them).
    var given: Range<Int32> = 0..<0
    /// The same people split by kind, for mentions.
    var givenChildren: Range<Int32> = 0..<0
    var givenStaff: Range<Int32> = 0..<0
    var givenCarers: Range<Int32> = 0..<0
    /// People with this surname, in roster order ("Mrs Brown").
    var surname: Range<Int32> = 0..<0
    /// This word as a surname (an index of `NameIndex.surnameInfo`), or -1.
    var asSurname: Int32 = -1
    /// For a plural surname ("browns"): the surname of the first person it names, or -1.
    var pluralOf: Int32 = -1
    /// The children whose given name or nickname this is with an "s" ("olivers").
    var possessiveChildren: Range<Int32> = 0..<0
    /// The same for the staff ("helens").
    var possessiveStaff: Range<Int32> = 0..<0
    /// The first part of someone's hyphenated name: join it with the next words and look again.
    var startsCompound = false

    func given(_ kind: PersonKind) -> Range<Int32> {
        switch kind {
        case .child: givenChildren
        case .staff: givenStaff
        case .carer: givenCarers
        }
    }
}

/// A surname of the roster: the families a "the Browns" reference stands for.
struct Surname: Sendable {
    /// Children with this surname, in roster order (a range of `NameIndex.lists`).
    var children: Range<Int32> = 0..<0
    /// Carers with this surname, in roster order.
    var carers: Range<Int32> = 0..<0
}

/// The roster turned into lookup tables: exact words, full names, one-letter misspellings and
/// initials. Every per-draft lookup is a hash probe or a few, whatever the roster's size; the
/// lists of people are only read when a mention is made.
struct NameIndex: Sendable {
    var people: [IndexedPerson] = []
    /// Lowercase full name of every carer and staff member → their indexes, to recognise authors.
    var byFullName: [String: [Int32]] = [:]
    /// A child's initials (`initialsKey`) → children with those initials: given name and
    /// surname ("O.B."), and for a name of three words all three ("J.K.D." for "Jasleen Kaur
    /// Dhillon").
    var initials: [UInt32: [Int32]] = [:]

    /// Two or three lowercase initials packed one byte each, the first highest.
    static func initialsKey(_ letters: some Collection<UInt8>) -> UInt32 {
        letters.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Every word that names someone (the same keys the rule set's dictionary gives names) →
    /// an index of `wordInfo`.
    var words = TokenTable()
    var wordInfo: [NameWord] = []
    /// Every surname of the roster → an index of `surnameInfo`.
    var surnames = TokenTable()
    var surnameInfo: [Surname] = []
    /// The people lists `NameWord` and `Surname` point into.
    var lists: [Int32] = []
    /// (name word, surname) and (name word, surname initial as `initialKey`) → positions in the
    /// word's `given` list of the people with that full name ("Oliver Brown", "Oliver B"):
    /// a range of `fullNamePositions`.
    var fullNames = PairTable([])
    var fullNamePositions: [Int32] = []
    /// Children's given names and nicknames of five letters or more → their `words` index.
    var misspeltGiven = DeletionIndex(minimumLength: misspellingMinLength)
    /// Surnames of five letters or more → their `surnames` index.
    var misspeltSurnames = DeletionIndex(minimumLength: misspellingMinLength)

    /// Names of five letters or more get one-letter misspelling variants.
    static let misspellingMinLength = 5

    /// The other ways of writing a name's last sound in English, "-ie", "-y", "-ey" and "-i"
    /// ("freddie": "freddy", "freddey", "freddi"), for a name (lowercase) that ends in one of them.
    /// The index keeps those of five letters or more, as it does misspellings ("Maisy" for
    /// Maisie; not "Olly" for Ollie, which a roster lists as a nickname when it is one).
    static func otherEndingSpellings(of name: String) -> [String] {
        let endings = ["ie", "ey", "y", "i"]
        guard let ending = endings.first(where: { name.hasSuffix($0) }) else { return [] }
        let stem = name.dropLast(ending.count)
        guard stem.count >= 3, let last = stem.last, !"aeiouy".contains(last) else { return [] }
        return endings.filter { $0 != ending }.map { stem + $0 }
    }

    /// The second key of `fullNames` for a surname initial.
    static func initialKey(_ letter: UInt8) -> Int32 { 0x4000_0000 | Int32(letter) }

    init() {}

    /// `addressWords` (lexicon `address-words`: "mama", "aunty", "miss") go before a name as a
    /// form of address; an alias that starts with one ("Mama Jo", "Aunty Hodan") is known by
    /// the word after it, as "mama" alone is no one's name.
    init(roster: Roster, addressWords: Set<String> = [], addWord: (String, NameRef) -> Void) {
        var childIndexByName: [String: Int32] = [:]
        for (i, person) in roster.people.enumerated() where person.kind == .child {
            childIndexByName[person.name.lowercased()] = Int32(i)
        }
        // Per word: its refs in the order the rule set's dictionary gets them.
        var refsByWord: [[NameRef]] = []
        var surnameIDs: [Int32] = []  // per person, or -1
        func add(_ word: String, _ ref: NameRef) {
            addWord(word, ref)
            let id = words.insert(word)
            if id == refsByWord.count { refsByWord.append([]) }
            refsByWord[id].append(ref)
        }
        // A name word as a draft may write it: "o'neill" also as "oneill".
        func addSpellings(_ word: String, _ ref: NameRef) {
            add(word, ref)
            let plain = word.filter { $0 != "'" }
            if plain != word && !plain.isEmpty { add(plain, ref) }
        }
        for (i, person) in roster.people.enumerated() {
            let index = Int32(i)
            let compounds = Person.compoundWords(of: person.name)
            let words = compounds.map { $0.joined() }
            let given = words.first ?? ""
            let surname = words.count > 1 ? words.last! : ""
            let children = person.children.compactMap { childIndexByName[$0.lowercased()] }
            people.append(IndexedPerson(kind: person.kind, given: Array(given.utf8), surname: Array(surname.utf8), children: children))
            surnameIDs.append(surname.isEmpty ? -1 : Int32(surnames.insert(surname)))
            if person.kind != .child {
                byFullName[words.joined(separator: " "), default: []].append(index)
            }
            if !given.isEmpty { addSpellings(given, NameRef(person: index, part: .given)) }
            // A nickname is its first word ("Olly" of "Olly B"), read once: it is normalised; after
            // a form of address, the word after it ("Kez" of "Mum Kez").
            let aliasWords = person.aliases.compactMap { alias -> [String]? in
                let words = Person.compoundWords(of: alias)
                if words.count > 1, words[0].count == 1, addressWords.contains(words[0][0]) {
                    // "Mrs A" is no name; "Mrs Malik" is a title and the surname, read as such.
                    let name = words[1].joined()
                    return name.count > 1 && name != surname ? words[1] : nil
                }
                return words.first
            }
            var nicknames = aliasWords.map { $0.joined() }
            // "Lily" is what "Lily-Mae" is often called.
            if let parts = compounds.first, parts.count > 1 { nicknames.append(parts[0]) }
            // "Wei Jie" of "Wei Jie Tan", "Nova Rose" of "Nova Rose Baker": a given name and the
            // middle name after it are what the person is called, apart, hyphenated or joined.
            var doubleGiven: [[String]] = []
            if compounds.count >= 3 && compounds[0].count == 1 && compounds[1].count == 1 {
                doubleGiven.append([compounds[0][0], compounds[1][0]])
                nicknames.append(compounds[0][0] + compounds[1][0])
            }
            for word in nicknames { addSpellings(word, NameRef(person: index, part: .alias)) }
            for parts in compounds + aliasWords + doubleGiven where parts.count > 1 {
                add(parts[0], NameRef(person: index, part: .compoundStart))
            }
            if !surname.isEmpty {
                addSpellings(surname, NameRef(person: index, part: .surname))
                addSpellings(surname + "s", NameRef(person: index, part: .surnamePlural))
                if surname.hasSuffix("s") || surname.hasSuffix("x") || surname.hasSuffix("ch") || surname.hasSuffix("sh") {
                    addSpellings(surname + "es", NameRef(person: index, part: .surnamePlural))
                }
                // "the Hodgetts are behind on fees", "the Jones": a name ending in "s" is mostly
                // written as its own plural.
                if surname.hasSuffix("s") { addSpellings(surname, NameRef(person: index, part: .surnamePlural)) }
            }
            guard person.kind != .carer else { continue }
            // "Olivers mum", "Helens off": the possessive (or "is", "has") written without its
            // apostrophe, as chats often do; a child's or a member of staff's.
            for word in [given] + nicknames where word.utf8.count >= 3 && !word.hasSuffix("s") {
                add(word + "s", NameRef(person: index, part: .givenPossessive))
            }
            guard person.kind == .child else { continue }
            if let f = given.utf8.first, let l = surname.utf8.first {
                initials[Self.initialsKey([f, l]), default: []].append(index)
                if words.count == 3, let m = words[1].utf8.first {
                    initials[Self.initialsKey([f, m, l]), default: []].append(index)
                }
            }
            // Misspelt given names and nicknames of children are looked for; a misspelt
            // surname counts only after its person's given name ("Amelia Thorn").
            for word in [given] + nicknames where word.utf8.count >= Self.misspellingMinLength {
                let id = Int32(self.words.find(Array(word.utf8))!)
                misspeltGiven.insert(Array(word.utf8), id: id)
                // "Freddy" for Freddie, "Maisy" for Maisie: the other spellings of a name's last
                // sound, as written.
                for other in Self.otherEndingSpellings(of: word) { misspeltGiven.insert(spelling: Array(other.utf8), id: id) }
            }
        }
        for id in 0..<surnames.count {
            misspeltSurnames.insert(surnames.key(id), id: Int32(id))
        }
        misspeltGiven.finish()
        misspeltSurnames.finish()
        words.shrinkToFit()
        surnames.shrinkToFit()

        // Families by surname.
        var childrenBySurname = [[Int32]](repeating: [], count: surnames.count)
        var carersBySurname = [[Int32]](repeating: [], count: surnames.count)
        for (i, person) in people.enumerated() where surnameIDs[i] >= 0 {
            if person.kind == .child { childrenBySurname[Int(surnameIDs[i])].append(Int32(i)) }
            if person.kind == .carer { carersBySurname[Int(surnameIDs[i])].append(Int32(i)) }
        }
        func append(_ list: [Int32]) -> Range<Int32> {
            let start = Int32(lists.count)
            lists += list
            return start..<Int32(lists.count)
        }
        surnameInfo = zip(childrenBySurname, carersBySurname).map { Surname(children: append($0), carers: append($1)) }

        // What each word says, and the full names its given names make.
        var positionsByPair: [UInt64: [Int32]] = [:]
        wordInfo.reserveCapacity(refsByWord.count)
        for (id, refs) in refsByWord.enumerated() {
            var info = NameWord()
            let given = refs.filter { $0.part == .given || $0.part == .alias }.map(\.person)
            info.given = append(given)
            info.givenChildren = append(given.filter { people[Int($0)].kind == .child })
            info.givenStaff = append(given.filter { people[Int($0)].kind == .staff })
            info.givenCarers = append(given.filter { people[Int($0)].kind == .carer })
            info.surname = append(refs.filter { $0.part == .surname }.map(\.person))
            if !info.surname.isEmpty { info.asSurname = surnameIDs[Int(lists[Int(info.surname.lowerBound)])] }
            if let plural = refs.first(where: { $0.part == .surnamePlural }) { info.pluralOf = surnameIDs[Int(plural.person)] }
            let possessive = refs.filter { $0.part == .givenPossessive }.map(\.person)
            info.possessiveChildren = append(possessive.filter { people[Int($0)].kind == .child })
            info.possessiveStaff = append(possessive.filter { people[Int($0)].kind == .staff })
            info.startsCompound = refs.contains { $0.part == .compoundStart }
            for (position, person) in given.enumerated() where surnameIDs[Int(person)] >= 0 {
                let surname = surnameIDs[Int(person)]
                positionsByPair[Self.pairKey(Int32(id), surname), default: []].append(Int32(position))
                let initial = Self.initialKey(people[Int(person)].surname[0])
                positionsByPair[Self.pairKey(Int32(id), initial), default: []].append(Int32(position))
            }
            wordInfo.append(info)
        }
        var pairs: [(first: Int32, second: Int32, value: Range<Int32>)] = []
        pairs.reserveCapacity(positionsByPair.count)
        for (key, positions) in positionsByPair.sorted(by: { $0.key < $1.key }) {
            let start = Int32(fullNamePositions.count)
            fullNamePositions += positions
            pairs.append((Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key), start..<Int32(fullNamePositions.count)))
        }
        fullNames = PairTable(pairs)
    }

    private static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// The `words` index of a name word (bytes followed by `TokenTable.padding` readable bytes).
    @inline(__always)
    func word(padded p: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        Int32(words.find(padded: p, length) ?? -1)
    }

    /// Positions in `wordInfo[word].given` of the people with that given name (or nickname)
    /// and that surname (an index of `surnames`) or surname initial (`initialKey`).
    @inline(__always)
    func fullName(_ word: Int32, _ surname: Int32) -> ArraySlice<Int32> {
        let range = fullNames.find(word, surname)
        return fullNamePositions[Int(range.lowerBound)..<Int(range.upperBound)]
    }

    func list(_ range: Range<Int32>) -> ArraySlice<Int32> { lists[Int(range.lowerBound)..<Int(range.upperBound)] }
}
