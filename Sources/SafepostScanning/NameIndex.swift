import SafepostText

/// How a dictionary word refers to a person.
enum NamePart: UInt8, Sendable {
    case given
    case alias
    case surname
    /// A family's plural surname ("browns", "ostrowskis"), read only after "the".
    case surnamePlural
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

/// The roster turned into lookup tables: exact words, one-letter misspellings and initials.
struct NameIndex: Sendable {
    var people: [IndexedPerson] = []
    /// Lowercase full name of every carer and staff member → their indexes, to recognise authors.
    var byFullName: [String: [Int32]] = [:]
    /// Deletion neighbourhood of long children's names (SymSpell, distance 1): variant → refs.
    var misspellings = TokenTable()
    var misspellingRefs: [[Misspelling]] = []
    /// Which first and last letter pairs the misspelt names have (see `mayBeMisspelling`).
    var misspeltEnds = LetterPairSet()
    /// Two lowercase initials packed as `first << 8 | last` → children with those initials.
    var initials: [UInt16: [Int32]] = [:]

    /// Names of five letters or more get one-letter misspelling variants.
    static let misspellingMinLength = 5

    init() {}

    init(roster: Roster, addWord: (String, NameRef) -> Void) {
        var childIndexByName: [String: Int32] = [:]
        for (i, person) in roster.people.enumerated() where person.kind == .child {
            childIndexByName[person.name.lowercased()] = Int32(i)
        }
        for (i, person) in roster.people.enumerated() {
            let index = Int32(i)
            let words = person.nameWords
            let given = words.first ?? ""
            let surname = words.count > 1 ? words.last! : ""
            let children = person.children.compactMap { childIndexByName[$0.lowercased()] }
            people.append(IndexedPerson(kind: person.kind, given: Array(given.utf8), surname: Array(surname.utf8), children: children))
            if person.kind != .child {
                byFullName[words.joined(separator: " "), default: []].append(index)
            }
            if !given.isEmpty { addWord(given, NameRef(person: index, part: .given)) }
            for alias in person.aliases {
                for word in Person.words(of: alias).prefix(1) {
                    addWord(word, NameRef(person: index, part: .alias))
                }
            }
            if !surname.isEmpty {
                addWord(surname, NameRef(person: index, part: .surname))
                addWord(surname + "s", NameRef(person: index, part: .surnamePlural))
                if surname.hasSuffix("s") || surname.hasSuffix("x") || surname.hasSuffix("ch") || surname.hasSuffix("sh") {
                    addWord(surname + "es", NameRef(person: index, part: .surnamePlural))
                }
            }
            guard person.kind == .child else { continue }
            if let f = given.utf8.first, let l = surname.utf8.first {
                initials[UInt16(f) << 8 | UInt16(l), default: []].append(index)
            }
            var spellings = [(given, NamePart.given)]
            spellings += person.aliases.compactMap { Person.words(of: $0).first }.map { ($0, NamePart.alias) }
            spellings.append((surname, .surname))
            for (word, part) in spellings where word.utf8.count >= Self.misspellingMinLength {
                addMisspellings(of: Array(word.utf8), ref: Misspelling(ref: NameRef(person: index, part: part), word: Array(word.utf8)))
            }
        }
    }

    private mutating func addMisspellings(of word: [UInt8], ref: Misspelling) {
        misspeltEnds.insert(word[0], word[1], length: word.count)
        misspeltEnds.insert(word[word.count - 2], word[word.count - 1], length: word.count)
        addMisspelling(word, ref)
        for i in word.indices {
            var variant = word
            variant.remove(at: i)
            addMisspelling(variant, ref)
        }
    }

    private mutating func addMisspelling(_ key: [UInt8], _ entry: Misspelling) {
        let id = misspellings.insert(key)
        if id == misspellingRefs.count { misspellingRefs.append([]) }
        if !misspellingRefs[id].contains(where: { $0.ref.person == entry.ref.person && $0.word == entry.word }) {
            misspellingRefs[id].append(entry)
        }
    }
}

extension NameIndex {
    /// A cheap, exact test before the misspelling lookups: a word one edit away from a name of
    /// four letters or more is one letter shorter, as long or one letter longer, and keeps either
    /// the name's first two letters (the edit comes later) or its last two (the edit is in the
    /// first two). So a word whose pairs match no name of a length near its own misspells none.
    func mayBeMisspelling(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        guard n >= 4 else { return false }
        for length in n - 1...n + 1 {
            if misspeltEnds.contains(word[0], word[1], length: length) || misspeltEnds.contains(word[n - 2], word[n - 1], length: length) {
                return true
            }
        }
        return false
    }
}

/// A set of (two-letter sequence, word length) pairs; bytes outside a–z share one "other"
/// letter, and lengths from 31 on share one slot.
struct LetterPairSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 27 * 27 * 32 / 64)

    private static func index(_ a: UInt8, _ b: UInt8, _ length: Int) -> Int {
        func letter(_ c: UInt8) -> Int { c &- UInt8(ascii: "a") < 26 ? Int(c &- UInt8(ascii: "a")) : 26 }
        return (letter(a) * 27 + letter(b)) * 32 + min(max(length, 0), 31)
    }

    mutating func insert(_ a: UInt8, _ b: UInt8, length: Int) {
        let i = Self.index(a, b, length)
        bits[i >> 6] |= 1 &<< UInt64(i & 63)
    }

    func contains(_ a: UInt8, _ b: UInt8, length: Int) -> Bool {
        let i = Self.index(a, b, length)
        return bits[i >> 6] & (1 &<< UInt64(i & 63)) != 0
    }
}

/// A name word that a misspelling variant may stand for.
struct Misspelling: Sendable {
    var ref: NameRef
    var word: [UInt8]
}

/// True if `a` and `b` differ by at most one insertion, deletion, substitution or adjacent swap.
func withinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
    let m = a.count
    let n = b.count
    if abs(m - n) > 1 { return false }
    var i = 0
    while i < m && i < n && a[i] == b[i] { i += 1 }
    if i == m && i == n { return true }
    if m == n {
        if i + 1 < m && a[i] == b[i + 1] && a[i + 1] == b[i] {  // transposition
            return (i + 2..<m).allSatisfy { a[$0] == b[$0] }
        }
        return (i + 1..<m).allSatisfy { a[$0] == b[$0] }
    }
    if m > n { return (i..<n).allSatisfy { a[$0 + 1] == b[$0] } }
    return (i..<m).allSatisfy { a[$0] == b[$0 + 1] }
}
