import SafepostMatching
import SafepostText

/// Finds what makes a pattern that PCRE2 compiles unable to match any draft.
///
/// Drafts are matched in their search form (`SearchText`): lowercase, with diacritics,
/// typographic quotes and dashes folded. A literal capital letter in a pattern, or a character
/// the normaliser folds (`é`, `’`, `—`), can therefore never match; and a pattern that matches
/// the empty string finds no text. Each is an error with the byte offset, as PCRE2 gives its own.
enum PatternLint {
    /// The first such problem in `source`, as a message for the manager, or nil.
    static func problem(_ source: String, compiled: Pattern) -> String? {
        if let capital = CapitalScanner.firstLiteralCapital(Array(source.utf8)) {
            return "pattern has a capital letter at offset \(capital.offset): drafts are matched in lowercase, write '\(capital.lowercase)'"
        }
        if let folded = firstFoldedCharacter(source) {
            return "pattern has '\(folded.character)' at offset \(folded.offset), which drafts never hold: they are normalised, write '\(folded.normalised)'"
        }
        if matchesEmpty(compiled) {
            return "pattern matches the empty string: write the text it must find"
        }
        return nil
    }

    /// The first non-ASCII character that the draft normaliser changes, with its byte offset and
    /// what the normaliser makes of it. A character it keeps (an emoji, `£`) is fine.
    static func firstFoldedCharacter(_ source: String) -> (offset: Int, character: String, normalised: String)? {
        var offset = 0
        var text = SearchText()
        for character in source {
            let bytes = Array(String(character).utf8)
            defer { offset += bytes.count }
            guard bytes.contains(where: { $0 >= 0x80 }) else { continue }
            text.load(String(character))
            if text.bytes != bytes {
                return (offset, String(character), String(decoding: text.bytes, as: UTF8.self))
            }
        }
        return nil
    }

    /// True if the pattern gives an empty match on short probe texts: `(?:)`, `\b`, `x?`.
    static func matchesEmpty(_ pattern: Pattern) -> Bool {
        let scratch = MatchScratch()
        for probe in ["", "a", "a b", "1", "."] {
            if let ranges = try? pattern.allMatches(probe, scratch: scratch), ranges.contains(where: \.isEmpty) {
                return true
            }
        }
        return false
    }
}
