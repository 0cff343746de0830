/// Finds a capital letter that a PCRE2 pattern would match literally.
///
/// PCRE2 writes some of its own syntax in capitals, which match no letter and stay allowed:
/// escapes (`\S`, `\B`, `\p{Lu}`, `\pL`, `\x{E9}`, `\N{U+E9}`, `\cA`, `\k<Name>`), verbs
/// (`(*ACCEPT)`, `(*LIMIT_MATCH=10)`, `(*MARK:NAME)`), options (`(?i)`, `(?J)`), callouts
/// (`(?C1)`, `(?C"Text")`), group names, recursion (`(?R)`), conditions (`(?(DEFINE)`) and
/// comments (`(?# Note)`). Everything else, inside a class too (`[A-Z]`) or quoted (`\Q..\E`),
/// is a literal.
enum CapitalScanner {
    struct Capital {
        /// Byte offset of the capital in the pattern.
        var offset: Int
        /// What to write instead: the lowercase letter, or the lowercase range (`a-z` for `A-Z`).
        var lowercase: String
    }

    static func firstLiteralCapital(_ p: [UInt8]) -> Capital? {
        var i = 0
        var inClass = false
        var quoting = false
        while i < p.count {
            let c = p[i]
            if quoting {
                if c == backslash && at(p, i + 1) == UInt8(ascii: "E") { quoting = false; i += 2; continue }
                if isCapital(c) { return capital(p, i, inClass: inClass) }
                i += 1
                continue
            }
            if c == backslash {
                if at(p, i + 1) == UInt8(ascii: "Q") { quoting = true; i += 2; continue }
                i = afterEscape(p, i)
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") {
                    inClass = false
                } else if c == UInt8(ascii: "["), at(p, i + 1) == UInt8(ascii: ":") {
                    i = after(p, from: i + 2, closing: UInt8(ascii: "]"))  // [:alpha:]
                    continue
                } else if isCapital(c) {
                    return capital(p, i, inClass: true)
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "["):
                i += 1
                if at(p, i) == UInt8(ascii: "^") { i += 1 }
                if at(p, i) == UInt8(ascii: "]") { i += 1 }  // a leading ] is a literal
                inClass = true
            case UInt8(ascii: "("):
                i = afterGroupSyntax(p, i)
            default:
                if isCapital(c) { return capital(p, i, inClass: false) }
                i += 1
            }
        }
        return nil
    }

    private static let backslash = UInt8(ascii: "\\")

    private static func at(_ p: [UInt8], _ i: Int) -> UInt8? { i < p.count ? p[i] : nil }

    private static func isCapital(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }

    private static func isLetter(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return isCapital(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    }

    private static func lower(_ c: UInt8) -> Character { Character(Unicode.Scalar(isCapital(c) ? c + 32 : c)) }

    private static func capital(_ p: [UInt8], _ i: Int, inClass: Bool) -> Capital {
        if inClass, at(p, i + 1) == UInt8(ascii: "-"), let end = at(p, i + 2), end != UInt8(ascii: "]") {
            return Capital(offset: i, lowercase: "\(lower(p[i]))-\(lower(end))")
        }
        return Capital(offset: i, lowercase: String(lower(p[i])))
    }

    /// The index just after the first `closing` at or after `from` (or the end).
    private static func after(_ p: [UInt8], from: Int, closing: UInt8) -> Int {
        var j = from
        while j < p.count && p[j] != closing { j += 1 }
        return min(j + 1, p.count)
    }

    /// The index after the escape that starts with the backslash at `i`.
    private static func afterEscape(_ p: [UInt8], _ i: Int) -> Int {
        guard let e = at(p, i + 1) else { return p.count }
        let next = at(p, i + 2)
        switch e {
        case UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "N"), UInt8(ascii: "p"), UInt8(ascii: "P"),
             UInt8(ascii: "g"), UInt8(ascii: "k"):
            if next == UInt8(ascii: "{") { return after(p, from: i + 3, closing: UInt8(ascii: "}")) }
            if next == UInt8(ascii: "<") && e != UInt8(ascii: "p") { return after(p, from: i + 3, closing: UInt8(ascii: ">")) }
            if next == UInt8(ascii: "'") && e != UInt8(ascii: "p") { return after(p, from: i + 3, closing: UInt8(ascii: "'")) }
            if e == UInt8(ascii: "p") || e == UInt8(ascii: "P") { return min(i + 3, p.count) }  // \pL
            if e == UInt8(ascii: "x") {
                var j = i + 2
                while j < min(i + 4, p.count), p[j].isHexDigit { j += 1 }  // \xE9
                return j
            }
            return i + 2
        case UInt8(ascii: "c"):
            return min(i + 3, p.count)  // \cA: a control character
        default:
            return i + 2
        }
    }

    /// The index after the syntax that opens the group at `i` (not its contents, which are
    /// scanned as usual), skipping whatever in it is written in capitals and is no literal.
    private static func afterGroupSyntax(_ p: [UInt8], _ i: Int) -> Int {
        let close = UInt8(ascii: ")")
        switch at(p, i + 1) {
        case UInt8(ascii: "*"):
            // (*pla:…), (*atomic:…): a lowercase name, then a subpattern; else a verb such as
            // (*ACCEPT) or (*LIMIT_MATCH=10), with no literal in it.
            var j = i + 2
            while j < p.count, isLetter(p[j]) || p[j] == UInt8(ascii: "_") { j += 1 }
            let name = p[(i + 2)..<j]
            if !name.isEmpty, !name.contains(where: isCapital), at(p, j) == UInt8(ascii: ":") { return j + 1 }
            return after(p, from: i + 2, closing: close)
        case UInt8(ascii: "?"):
            return afterQuestionSyntax(p, i)
        default:
            return i + 1
        }
    }

    /// `(?` syntax: options, callouts, names, recursion, conditions, comments, assertions.
    private static func afterQuestionSyntax(_ p: [UInt8], _ i: Int) -> Int {
        let close = UInt8(ascii: ")")
        let k = i + 2
        guard let d = at(p, k) else { return p.count }
        switch d {
        case UInt8(ascii: "#"), UInt8(ascii: "R"), UInt8(ascii: "&"), UInt8(ascii: "+"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return after(p, from: k, closing: close)  // comment, recursion, subroutine call
        case UInt8(ascii: "C"):
            if let delimiter = at(p, k + 1), let end = calloutClosing(delimiter) {
                return after(p, from: after(p, from: k + 2, closing: end), closing: close)
            }
            return after(p, from: k, closing: close)
        case UInt8(ascii: "<"):
            if at(p, k + 1) == UInt8(ascii: "=") || at(p, k + 1) == UInt8(ascii: "!") { return k + 2 }
            return after(p, from: k, closing: UInt8(ascii: ">"))  // (?<name>
        case UInt8(ascii: "'"):
            return after(p, from: k + 1, closing: UInt8(ascii: "'"))  // (?'name'
        case UInt8(ascii: "P"):
            if at(p, k + 1) == UInt8(ascii: "<") { return after(p, from: k, closing: UInt8(ascii: ">")) }
            return after(p, from: k, closing: close)  // (?P=name), (?P>name)
        case UInt8(ascii: "("):
            // (?(?=…)…) and (?(*pla:…)…) condition on an assertion; other conditions are names.
            if at(p, k + 1) == UInt8(ascii: "?") || at(p, k + 1) == UInt8(ascii: "*") { return k }
            return after(p, from: k + 1, closing: close)
        default:
            // Options such as (?i), (?J), (?^), (?-i:…); else (?: (?= (?! (?> (?|.
            var j = k
            while j < p.count, isLetter(p[j]) || p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "^") { j += 1 }
            return j
        }
    }

    /// The closing delimiter of a string callout `(?C"text")`, or nil for a numbered one.
    private static func calloutClosing(_ opening: UInt8) -> UInt8? {
        if opening == UInt8(ascii: "{") { return UInt8(ascii: "}") }
        return Array("`'\"^%#$".utf8).contains(opening) ? opening : nil
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
