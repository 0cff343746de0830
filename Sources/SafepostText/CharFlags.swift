/// What happened to the source character behind one byte of a `SearchText`.
///
/// Matchers use these to weigh a hit: a name written with homoglyphs (`.folded`) or
/// broken bytes (`.invalid`) is a sign of evasion; `.uppercase` helps find camelCase
/// word boundaries and capitalised names after case folding has removed the case.
///
/// The flags are computed constants, not stored ones, so that other modules' hot loops
/// test them inline instead of calling a global's accessor for every byte.
public struct CharFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    @inlinable
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The source letter was uppercase (ASCII or not, e.g. `Ö`, Cyrillic `І`, fullwidth `Ａ`).
    @inlinable public static var uppercase: CharFlags { CharFlags(rawValue: 1 << 0) }
    /// The source was a non-ASCII character replaced by ASCII (diacritic, confusable,
    /// fullwidth, mathematical letter, typographic dash, space or quote).
    @inlinable public static var folded: CharFlags { CharFlags(rawValue: 1 << 1) }
    /// The source was a byte that is not valid UTF-8; it was replaced by U+FFFD.
    @inlinable public static var invalid: CharFlags { CharFlags(rawValue: 1 << 2) }
    /// The source was a letter or digit of another script or style drawn like this one
    /// (Cyrillic `а`, fullwidth `Ａ`, mathematical `𝐀`), not a Latin letter with a diacritic:
    /// a word written with one is disguised ("Gr\u{430}ce"), where "Rosé" is just French.
    @inlinable public static var homoglyph: CharFlags { CharFlags(rawValue: 1 << 3) }
}
