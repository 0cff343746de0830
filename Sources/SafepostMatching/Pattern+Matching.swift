import CPCRE2

/// Stands in for the base address of empty buffers: the JIT entry point is not
/// documented to accept a null subject, so it always gets a valid (unread) byte.
private nonisolated(unsafe) let emptySubject: UnsafeMutablePointer<UInt8> = {
    let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    byte.initialize(to: 0)
    return byte
}()

extension Pattern {
    /// The first match at or after byte offset `start` in `subject`.
    ///
    /// `subject` is UTF-8 and may contain invalid sequences: they never match anything and
    /// no match crosses them. Offsets are byte offsets into `subject`; `start` should be
    /// at a character boundary (an invalid sequence there is skipped).
    ///
    /// - Returns: the byte range of the whole match, or nil when there is no match.
    /// - Throws: ``MatchError`` for every other outcome, including a `start` outside
    ///   `0...subject.count` (`PCRE2_ERROR_BADOFFSET`) and any exceeded limit.
    public func firstMatch(
        in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        try match(subject, from: start, options: 0, scratch: scratch)
    }

    /// Calls `body` with each non-overlapping match, left to right, until it returns false.
    ///
    /// Empty matches are reported and never loop: after an empty match at `p` the next search
    /// starts at `p` with `PCRE2_NOTEMPTY_ATSTART`, which finds a non-empty match at `p` or
    /// else the next match after `p` (Perl's `/g` semantics; `x*` on "axx" gives 0..<0,
    /// 1..<3, 3..<3). Blindly skipping one code point would miss `a` in `|a` on "a".
    ///
    /// - Throws: ``MatchError`` on any engine failure; matches already passed to `body` stand.
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, _ body: (Range<Int>) -> Bool
    ) throws(MatchError) {
        var position = 0
        var options: UInt32 = 0
        while position <= subject.count {
            guard let found = try match(subject, from: position, options: options, scratch: scratch) else { return }
            // PCRE2 guarantees progress; this guard only protects against a regression there.
            if found.upperBound < position || (found.isEmpty && found.upperBound == position && options != 0) {
                position = Self.nextCharacter(in: subject, after: position)
                options = 0
                continue
            }
            guard body(found) else { return }
            position = found.upperBound
            options = found.isEmpty ? PCRE2_NOTEMPTY_ATSTART : 0
        }
    }

    /// Whether `s` contains a match (convenience for tests and tools).
    public func matches(_ s: String, scratch: MatchScratch) throws(MatchError) -> Bool {
        try Self.withUTF8(s) { (bytes) throws(MatchError) in
            try firstMatch(in: bytes, scratch: scratch) != nil
        }
    }

    /// Byte ranges (into `s.utf8`) of all non-overlapping matches in `s`.
    public func allMatches(_ s: String, scratch: MatchScratch) throws(MatchError) -> [Range<Int>] {
        try Self.withUTF8(s) { (bytes) throws(MatchError) in
            var ranges: [Range<Int>] = []
            try forEachMatch(in: bytes, scratch: scratch) { ranges.append($0); return true }
            return ranges
        }
    }

    /// One PCRE2 call. JIT code goes through `pcre2_jit_match_8`, which skips the
    /// interpreter's argument checks, so offsets are validated here first.
    private func match(
        _ subject: UnsafeBufferPointer<UInt8>, from start: Int, options: UInt32, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        try Self.match(code, isJITCompiled: isJITCompiled, subject, from: start, options: options, scratch: scratch)
    }

    /// One PCRE2 call on compiled `code` (shared by `Pattern` and `PatternCode`).
    @inline(__always)
    static func match(
        _ code: OpaquePointer, isJITCompiled: Bool,
        _ subject: UnsafeBufferPointer<UInt8>, from start: Int, options: UInt32, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        guard start >= 0, start <= subject.count else { throw MatchError(code: PCRE2_ERROR_BADOFFSET) }
        let base = UnsafePointer(subject.baseAddress ?? UnsafePointer(emptySubject))
        let rc = isJITCompiled
            ? pcre2_jit_match_8(code, base, subject.count, start, options, scratch.matchData, scratch.context)
            : pcre2_match_8(code, base, subject.count, start, options, scratch.matchData, scratch.context)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        // rc == 0 means the one-pair ovector was too small for the groups: still a match.
        guard rc >= 0 else { throw MatchError(code: rc) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let lower = ovector[0], upper = ovector[1]
        return lower <= upper ? lower..<upper : upper..<lower
    }

    /// Offset just after the UTF-8 character (or single invalid byte) at `offset`.
    private static func nextCharacter(in subject: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int {
        var next = offset + 1
        while next < subject.count, subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    private static func withUTF8<R>(
        _ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws(MatchError) -> R
    ) throws(MatchError) -> R {
        var s = s  // withUTF8 is `rethrows` (untyped), so the error travels in a Result.
        return try s.withUTF8 { bytes in Result { () throws(MatchError) in try body(bytes) } }.get()
    }
}
