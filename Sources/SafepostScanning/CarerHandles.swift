/// A member of staff tagging a parent by handle ("@ngozi.okafor so lovely bumping into you") is
/// in contact with them online, as a parent tagging a member of staff is. The name reader
/// already reads the person in such a handle (a full name with `.` or `_` between its words, run
/// together in small letters, or in camelCase); the `carer-handle` and `staff-handle` detectors
/// report a carer's or staff member's mention that follows an `@` when the whole handle is that
/// person's name: their full name, or their given name or a nickname and their surname, with
/// `.`, `_` or nothing between the words, perhaps with a short suffix that is no word: a kiss or
/// a number ("@kirstymarshall_x", "@ngozi.okafor22"), or the full name with its spaces as
/// Facebook tags someone ("@Ngozi Okafor"). "@ngozi" alone, or a handle that only starts with
/// the name ("@ngozi.okafor.bakes"), is not reported.
extension Scan {
    /// The end of the handle (normalised byte offset) when the handle that mention `m` starts
    /// (right after its `@`) is the name of one of the mention's people; otherwise nil.
    /// Called only for a carer's or staff member's mention after an `@`.
    func nameHandleEnd(_ m: PersonMention) -> Int32? {
        let bytes = text.bytes
        var end = Int(m.start)
        while end < bytes.count && (isWordByte(bytes[end]) || bytes[end] == dot || bytes[end] == underscore) { end += 1 }
        while end > Int(m.start) && (bytes[end - 1] == dot || bytes[end - 1] == underscore) { end -= 1 }  // "@ngozi.okafor."
        // "@Courtney Tranter": a tag as Facebook writes it, the whole name with its space, which
        // the name reader has read as one person's full name.
        if end < Int(m.end) {
            let written = bytes[Int(m.start)..<Int(m.end)]
            return written.contains(space) && written.allSatisfy { isLetter($0) || $0 == space || $0 == hyphen || $0 == apostrophe } ? m.end : nil
        }
        let letters = bytes[Int(m.start)..<end].filter { $0 != dot && $0 != underscore }
        let spellings = names.people(of: m).map { Self.handleSpellings(of: rules.roster.people[Int($0)]) }
        func isName(_ written: ArraySlice<UInt8>) -> Bool { spellings.contains { $0.contains { $0.elementsEqual(written) } } }
        if isName(letters[...]) { return Int32(end) }
        // A short suffix after the name: up to four digits, or "x" or "xx" (a kiss; a name that
        // ends in an x keeps its own: "@alex.wilcoxx").
        let digits = letters.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        if digits >= 1 { return digits <= 4 && isName(letters.dropLast(digits)) ? Int32(end) : nil }
        let kisses = min(letters.reversed().prefix { $0 == UInt8(ascii: "x") }.count, 2)
        return kisses > 0 && (1...kisses).contains { isName(letters.dropLast($0)) } ? Int32(end) : nil
    }

    /// The letters of the handles a person's name makes: the full name's words run together,
    /// and the given name or each nickname followed by the surname ("ngozi okafor" →
    /// "ngoziokafor"; "Imogen Rose Quill", "Immy" → "imogenrosequill", "imogenquill",
    /// "immyquill"), as a draft's text reads them (lowercase, diacritics folded, a hyphenated
    /// word's parts joined). Apostrophes are dropped, as handles cannot hold them.
    static func handleSpellings(of person: Person) -> [[UInt8]] {
        let words = Person.compoundWords(of: person.name).map { $0.joined() }
        guard words.count >= 2, let surname = words.last else { return [] }
        let given = [words[0]] + person.aliases.compactMap { Person.compoundWords(of: $0).first?.joined() }
        let spellings = [words.joined()] + given.map { $0 + surname }
        return spellings.map { Array($0.utf8.filter { $0 != UInt8(ascii: "'") }) }
    }
}

private let dot = UInt8(ascii: ".")
private let underscore = UInt8(ascii: "_")
private let space = UInt8(ascii: " ")
private let hyphen = UInt8(ascii: "-")
private let apostrophe = UInt8(ascii: "'")
