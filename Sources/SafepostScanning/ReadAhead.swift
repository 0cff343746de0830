import CSafepostPrefetch

/// Prefetches for the readers that walk a list of the word pass's words (`Tokenizer.ruleWords`,
/// `settingWords`, `nameWords`).
///
/// The pass writes every word's token before any reader runs; a long text's tokens (28 bytes
/// each, 5 MB per MB of text) are long gone from the caches when a reader comes back for the
/// few it listed, and by time (`perf record`) those reads were most of the setting reader's and
/// the rule-word pass's cost on the long text. A reader at entry `w` of its list asks for the
/// token `tokenDistance` entries ahead and for the text under the token `textDistance` ahead
/// (whose token arrived by then). On a short draft everything is in cache and this costs a few
/// instructions per listed word.
struct ReadAhead {
    /// Entries ahead whose token is asked for: enough to cover a miss to memory at the tens of
    /// instructions a listed word costs.
    static let tokenDistance = 16
    /// Entries ahead whose text (bytes at the token's start) is asked for.
    static let textDistance = 8

    let list: UnsafePointer<Int32>
    let tokens: UnsafePointer<Token>
    /// The entries below these have an entry `tokenDistance` (`textDistance`) ahead: one
    /// comparison of the entry per call, set once per list.
    private let tokensAheadEnd: Int
    private let textAheadEnd: Int

    init(_ list: ScratchList<Int32>, _ tokens: ScratchList<Token>) {
        self.list = UnsafePointer(list.base)
        tokensAheadEnd = list.count - Self.tokenDistance
        textAheadEnd = list.count - Self.textDistance
        self.tokens = UnsafePointer(tokens.base)
    }

    /// Asks for the token (and the one after it, which the readers also read) ahead of entry `w`.
    @inline(__always)
    func tokens(after w: Int) {
        guard w < tokensAheadEnd else { return }
        let token = tokens + Int(list[w &+ Self.tokenDistance])
        safepost_prefetch(token)
        safepost_prefetch(token + 1)
    }

    /// Asks for the bytes at the start of the token ahead of entry `w` in `buffer`, a buffer
    /// laid out like the text (the text itself, the keys, the case flags).
    @inline(__always)
    func text(after w: Int, in buffer: UnsafeRawPointer) {
        guard w < textAheadEnd else { return }
        safepost_prefetch(buffer + Int(tokens[Int(list[w &+ Self.textDistance])].start))
    }
}
