import SafepostText

/// One recognisable form of the setting's name, as a letters-only skeleton.
struct SettingVariant: Sendable, Equatable {
    var skeleton: [UInt8]
    /// Acronyms ("SAPS") count only when written in capitals: "saps" is also an English word.
    var isAcronym: Bool
    /// The distinctive words alone ("Peter Pan" of "Peter Pan Nursery"), not a line of
    /// setting.txt: when they start with someone's given name they are as often the namesake
    /// (`SettingReader.isNamesake`).
    var isBare = false
}

/// Derives every form of the setting's name worth recognising from `setting.txt` alone.
///
/// Each line is split into distinctive words ("stonham", "aspal") and generic ones
/// ("pre", "school"). The forms are: the whole name; the distinctive words together (when
/// there are two or more); each distinctive word, or the first with the others' initials,
/// followed by a generic tail ("Aspal Pre-School", "Stonham A. Pre-School", "Stonham Aspal p-s"),
/// and the distinctive words with the line's own tail missing one letter ("Stonham Aspl
/// Pre-School");
/// and the acronym ("SAPS"; not "SAP" from "Stonham Aspal Preschool", the same name with its
/// generic part joined). A single distinctive word alone ("Stonham") is a village or a
/// garden centre as often as the setting, so it is never a form by itself.
enum SettingVariants {
    /// `commonWords` are ordinary words (the lexicon's): one of them alone plus a generic tail
    /// ("Little Nursery") is not a form of "Little Acorns Nursery".
    ///
    /// `placeWords` are places that hold other places (lexicon `place-nouns`: "campus",
    /// "estate"): when the distinctive words end with one ("Streatham Campus Day Nursery"),
    /// those words alone ("the Northcott Theatre on Streatham Campus") are the place, not the
    /// setting, and are no form unless a line of setting.txt is just them.
    static func derive(
        names lines: [String], genericWords: Set<String>, commonWords: Set<String> = [], placeWords: Set<String> = []
    ) -> [SettingVariant] {
        var result: [SettingVariant] = []
        // "Oak & Acorn" is also written "Oak and Acorn" (and "#OakAndAcorn"): each line with an
        // ampersand stands for itself and for the line with "and" in its place.
        let spelled = lines + lines.filter { $0.contains("&") }.map { $0.split(separator: "&", omittingEmptySubsequences: false).joined(separator: " and ") }
        // "Lil Blessings", "Lil Acorns": "little" as people shorten it.
        let names = spelled + spelled.filter { Person.words(of: $0).contains("little") }.map { $0.replacing(/(?i)\blittle\b/, with: "Lil") }
        func insert(_ variant: SettingVariant) {
            if !result.contains(variant) { result.append(variant) }
        }
        func add(_ words: [String], acronym: Bool = false, bare: Bool = false) {
            let skeleton = Skeleton.skeletonize(words.joined())
            guard skeleton.count >= 3 else { return }
            insert(SettingVariant(skeleton: skeleton, isAcronym: acronym, isBare: bare))
        }
        // "Tidlers Pre-School", "Scallywags Day Nursey": the distinctive words and a kind written
        // out, twelve letters or more, with one letter left out after the first two (which the
        // word pass's test of a word's first letters reads) and before the last (without which
        // "Streatham Campus N." would be "Streatham Campus").
        func addMisspellings(_ words: [String]) {
            let skeleton = Skeleton.skeletonize(words.joined())
            guard skeleton.count >= 12 else { return }
            for p in 2..<(skeleton.count - 1) where skeleton[p] != skeleton[p - 1] {
                var missing = skeleton
                missing.remove(at: p)
                insert(SettingVariant(skeleton: missing, isAcronym: false))
            }
        }
        // A name written with a generic part joined ("Stonham Aspal Preschool") is the name
        // written with it apart ("Stonham Aspal Pre-School"), whose acronym is the one people
        // write ("SAPS"): the shorter one ("SAP") is another word or firm's.
        var mostWords: [String: Int] = [:]
        for name in names where !isAcronym(name) {
            let words = latinWords(of: name)
            mostWords[words.joined(), default: 0] = max(mostWords[words.joined(), default: 0], words.count)
        }
        let canonical = canonicalWords(lines, genericWords: genericWords)
        for name in names {
            // Words with no Latin letters ("さくら保育園", a line kept as written as a script
            // alias, or "ሰላም" of "ሰላም Nursery") have no skeleton: with them, a generic tail
            // alone would be a form.
            let written = Person.words(of: name)
            let words = latinWords(of: name)
            guard !words.isEmpty, words.count == written.count || words.contains(where: { !genericWords.contains($0) }) else { continue }
            let qualifiers = qualifiers(of: words, canonical: canonical)
            if isAcronym(name) {
                // A line in capitals ("LAPS", "S.A.P.S.") is an acronym: "laps" is a word.
                add(words, acronym: true)
                continue
            }
            let distinctive = words.filter { !genericWords.contains($0) }
            // The generic words the name ends with ("Pre-School"; not the "and" of "Oak and Acorn
            // Nursery", after which "Oak and" would be a form).
            let genericTail = Array(words.reversed().prefix(while: { genericWords.contains($0) }).reversed())
            var tails: [[String]] = genericWords.filter { $0.count >= 7 }.sorted().map { [$0] }
            if !genericTail.isEmpty {
                tails.append(genericTail)
                tails.append(genericTail.map { String($0.prefix(1)) })
            }
            add(words)
            if words.count >= 3 && words.count >= mostWords[words.joined(), default: 0] {
                add(words.map { String($0.prefix(1)) }, acronym: true)
                // A hyphenated word is also one letter ("KPSP" of "Krasnoludki Polish Saturday
                // Pre-School"), when that leaves four letters or more ("BHP" would be a firm's).
                let spaced = name.split(separator: " ").map { Person.words(of: String($0)) }.filter { !$0.isEmpty }
                if spaced.count >= 4 && spaced.count < words.count { add(spaced.map { String($0[0].prefix(1)) }, acronym: true) }
            }
            guard !distinctive.isEmpty else { continue }
            if distinctive.count >= 2 {
                // A line that is just these words was added above, as the name.
                if !placeWords.contains(distinctive.last!) {
                    // Letters set apart ("A.B.C. Day Nursery") are the acronym, read as one.
                    let letters = distinctive.allSatisfy { $0.count == 1 }
                    add(distinctive, acronym: letters, bare: !letters)
                    // With the small words between them too: "Jack and Jill" of "Jack and Jill
                    // Pre-School" (and "Jack & Jill", read as that).
                    if let first = words.firstIndex(of: distinctive[0]), let last = words.lastIndex(of: distinctive.last!), last > first,
                       last - first + 1 > distinctive.count {
                        add(Array(words[first...last]))
                    }
                }
                if distinctive.count >= 3 { add(distinctive.map { String($0.prefix(1)) }, acronym: true) }
            }
            // (Only with the line's own kind: each form costs the reader at words that start
            // like it.)
            if !genericTail.isEmpty { addMisspellings(distinctive + genericTail) }
            for tail in tails {
                for word in distinctive where !commonWords.contains(word) && !settingFunctionWords.contains(word) && !qualifiers.contains(word) && word.count > 1 {
                    add([word] + tail)
                }
                add(distinctive + tail)
                if distinctive.count >= 2 {
                    add([distinctive[0]] + distinctive.dropFirst().map { String($0.prefix(1)) } + tail)
                }
            }
        }
        // The distinctive words alone are bare only when no other form is just them (a line of
        // setting.txt that is, "Peter Pan", names the setting as the manager wrote it).
        let plain = Set(result.filter { !$0.isBare && !$0.isAcronym }.map(\.skeleton))
        return result.filter { !$0.isBare || !plain.contains($0.skeleton) }
    }

    /// A line's words that have Latin letters (the others have no skeleton).
    private static func latinWords(of name: String) -> [String] {
        Person.words(of: name).filter { !Skeleton.skeletonize($0).isEmpty }
    }

    /// The distinctive words of the canonical name (the first line of setting.txt).
    static func canonicalWords(_ lines: [String], genericWords: Set<String>) -> Set<String> {
        lines.first.map { Set(Person.words(of: $0).filter { !genericWords.contains($0) }) } ?? []
    }

    /// "Muddy Boots Totnes" of "Muddy Boots Forest School": a line with the canonical name's
    /// distinctive words (two of them, or its only one) and others has a town or a branch in
    /// those others, which alone, or with a kind, is no form of the name ("Totnes Pre-School"
    /// is another setting). Returns those other words of the line `words`.
    static func qualifiers(of words: [String], canonical: Set<String>) -> Set<String> {
        guard !canonical.isEmpty, canonical.intersection(words).count >= min(2, canonical.count) else { return [] }
        return Set(words).subtracting(canonical)
    }

    /// A name written as one word in capitals, or as capitals set apart by dots or spaces.
    private static func isAcronym(_ name: String) -> Bool {
        let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }
        let others = name.unicodeScalars.filter { !$0.properties.isAlphabetic && !". ".unicodeScalars.contains($0) }
        return letters.count >= 2 && others.isEmpty && letters.allSatisfy { $0.properties.isUppercase }
    }
}

/// The setting's forms packed for the scan: one byte arena, grouped by their first two
/// letters so a skeleton position is compared only with the forms that start like it
/// (most positions with none).
struct SettingForms: Sendable {
    var arena: [UInt8] = []
    var starts: [Int32] = []
    var lengths: [Int32] = []
    var acronym: [Bool] = []
    /// Per form: `SettingVariant.isBare`.
    var bare: [Bool] = []
    /// Each form's first `prefixLengths[k]` (at most 8) letters, packed as
    /// `Skeleton.leadingLetters` packs them, for `prefixAgrees` and `someFormMayStart`.
    var prefixes: [UInt64] = []
    var prefixLengths: [Int32] = []
    /// One bit for each three letters some form starts with (`triple(a, b, c)`): rules out
    /// most words that share a form's first two letters ("still", "stall") in one load.
    var firstThreeLetters: [UInt64] = Array(repeating: 0, count: (26 * 26 * 26 + 63) / 64)
    /// Letters in the longest form.
    var longest = 0
    /// Forms starting with letters `a b` are `bucketStart[pair(a, b)] ..< bucketStart[pair(a, b) + 1]`.
    var bucketStart: [Int32] = Array(repeating: 0, count: 26 * 26 + 1)

    init(_ variants: [SettingVariant]) {
        // Longest first, so the first match at a position is the longest; grouping keeps
        // that order within each group. Every form has three letters or more.
        let longestFirst = variants.sorted(by: { $0.skeleton.count > $1.skeleton.count })
        for bucket in 0..<26 * 26 {
            bucketStart[bucket] = Int32(starts.count)
            for v in longestFirst where Self.pair(v.skeleton[0], v.skeleton[1]) == bucket {
                starts.append(Int32(arena.count))
                lengths.append(Int32(v.skeleton.count))
                acronym.append(v.isAcronym)
                bare.append(v.isBare)
                arena.append(contentsOf: v.skeleton)
                let prefix = v.skeleton.prefix(Self.prefixLetters)
                prefixes.append(prefix.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) })
                prefixLengths.append(Int32(prefix.count))
                let three = Self.triple(v.skeleton[0], v.skeleton[1], v.skeleton[2])
                firstThreeLetters[three >> 6] |= 1 << UInt64(three & 63)
            }
        }
        bucketStart[26 * 26] = Int32(starts.count)
        longest = variants.map(\.skeleton.count).max() ?? 0
    }

    var isEmpty: Bool { starts.isEmpty }

    /// Letters of a form compared by `someFormMayStart`: as many as fit in a `UInt64`.
    static let prefixLetters = 8

    /// False when no form can be the start of a skeleton that begins with `packed` (its first
    /// `count` letters, as `Skeleton.leadingLetters` gives them for up to `prefixLetters`).
    /// A form matches only if the skeleton holds all its letters, so a form whose compared
    /// prefix is longer than `count` cannot match: `count` falls short only where the text ends.
    func someFormMayStart(with packed: UInt64, count: Int) -> Bool {
        guard count >= 3 else { return false }  // every form has three letters or more
        for k in forms(startingWith: UInt8(truncatingIfNeeded: packed), UInt8(truncatingIfNeeded: packed >> 8)) {
            if Int(prefixLengths[k]) <= count && prefixAgrees(k, packed, count: count) { return true }
        }
        return false
    }

    /// True if some form starts with these two letters (read as the skeleton does: l as i).
    @inline(__always)
    func startsSomeForm(_ a: UInt8, _ b: UInt8) -> Bool {
        let bucket = Self.pair(skeletonLetter(a), skeletonLetter(b))
        return bucketStart[bucket] != bucketStart[bucket + 1]
    }

    /// True if form `k` agrees with the first `count` letters of `packed` as far as its packed
    /// prefix goes (letters `count` and on are not compared).
    @inline(__always)
    func prefixAgrees(_ k: Int, _ packed: UInt64, count: Int) -> Bool {
        let compared = min(count, Int(prefixLengths[k]))
        let mask: UInt64 = compared >= 8 ? ~0 : (1 << (8 * UInt64(compared))) - 1
        return (packed ^ prefixes[k]) & mask == 0
    }

    /// True if some form starts with these three letters (a–z, read as the skeleton does).
    @inline(__always)
    func startsSomeForm(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        let three = Self.triple(skeletonLetter(a), skeletonLetter(b), skeletonLetter(c))
        return firstThreeLetters[three >> 6] & (1 << UInt64(three & 63)) != 0
    }

    /// The same for the first three of packed letters (as `Skeleton.leadingLetters` packs them).
    @inline(__always)
    func startsSomeForm(packed: UInt64) -> Bool {
        startsSomeForm(UInt8(truncatingIfNeeded: packed), UInt8(truncatingIfNeeded: packed >> 8), UInt8(truncatingIfNeeded: packed >> 16))
    }

    @inline(__always)
    static func triple(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        pair(first, second) * 26 + Int(third &- UInt8(ascii: "a"))
    }

    @inline(__always)
    func skeletonLetter(_ c: UInt8) -> UInt8 { c == UInt8(ascii: "l") ? UInt8(ascii: "i") : c }

    @inline(__always)
    static func pair(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first &- UInt8(ascii: "a")) * 26 + Int(second &- UInt8(ascii: "a"))
    }

    /// Indexes of the forms that start with the skeleton letters `first second` (a–z).
    @inline(__always)
    func forms(startingWith first: UInt8, _ second: UInt8) -> Range<Int> {
        let bucket = Self.pair(first, second)
        return Int(bucketStart[bucket])..<Int(bucketStart[bucket + 1])
    }
}
