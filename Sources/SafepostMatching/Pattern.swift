import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern.
///
/// Immutable after `init`, so one instance can be shared by every thread: PCRE2 documents
/// compiled code (including its JIT code) as read-only during matching. All per-match
/// mutable state lives in a ``MatchScratch``, one per thread.
///
/// Patterns compile with `PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF`
/// (plus `PCRE2_CASELESS` on request) and `PCRE2_NEVER_BACKSLASH_C`:
/// - UCP makes `\w`, `\b`, `\d` and POSIX classes Unicode-aware (`\w` matches `é`).
/// - MATCH_INVALID_UTF lets subjects hold invalid UTF-8 (it acts as a barrier no match
///   crosses) and skips the per-call UTF validity scan.
/// - `\C` is refused: in UTF mode it can end a match inside a code point and disables JIT.
public final class Pattern: Sendable {
    /// The pattern text as given.
    public let source: String
    /// Whether JIT compilation succeeded. When false (JIT unavailable, or the pattern
    /// starts with `(*NO_JIT)`) matching uses the interpreter: slower but still correct.
    public let isJITCompiled: Bool
    /// Number of capture groups in the pattern.
    public let captureCount: Int

    /// Owned `pcre2_code_8`; never mutated after init, freed in `deinit`.
    nonisolated(unsafe) let code: OpaquePointer

    /// Whether every match must start exactly at the offset matching starts from.
    public let isAnchored: Bool

    /// Whether, by PCRE2's own start analysis (the first code unit or the first-byte bitmap it
    /// uses to skip ahead), every match starts with a byte of 0x80 or above: a pattern of emoji,
    /// say. A scanner need not run such a pattern over text that is all ASCII.
    public let startsWithNonASCII: Bool

    /// Compiles `source`, then JIT-compiles it for complete matching.
    ///
    /// - Parameter caseless: adds `PCRE2_CASELESS` (Unicode simple case folding; it does
    ///   not fold `ß` to `ss` nor fullwidth forms, so normalise subjects first).
    /// - Parameter anchored: adds `PCRE2_ANCHORED`, so `firstMatch(in:from:)` only tries
    ///   `from` itself: the way to run a pattern at the words a prefilter found. (PCRE2's JIT
    ///   supports anchoring only when it is compiled in, not as a match-time option.)
    /// - Throws: ``PatternError`` with PCRE2's message and the byte offset of the failure.
    public init(_ source: String, caseless: Bool = false, anchored: Bool = false) throws(PatternError) {
        var options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C
        if caseless { options |= PCRE2_CASELESS }
        if anchored { options |= PCRE2_ANCHORED }

        var errorCode: Int32 = 0
        var errorOffset = 0
        var utf8 = Array(source.utf8)
        if utf8.isEmpty { utf8.append(0) }  // PCRE2 needs a non-null pointer; length stays 0.
        let length = source.utf8.count
        let compiled = utf8.withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, length, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PatternError(message: pcre2ErrorMessage(errorCode), offset: errorOffset)
        }

        // The return value of pcre2_jit_compile is not enough: with `(*NO_JIT)` it returns 0
        // without compiling. The JIT code size says whether JIT code really exists.
        _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
        var jitSize = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_JITSIZE), &jitSize)
        var captures: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)

        self.source = source
        self.isAnchored = anchored
        self.startsWithNonASCII = !anchored && Self.startsWithNonASCII(compiled)
        self.code = compiled
        self.isJITCompiled = jitSize > 0
        self.captureCount = Int(captures)
    }

    deinit { pcre2_code_free_8(code) }

    private static func startsWithNonASCII(_ code: OpaquePointer) -> Bool {
        var type: UInt32 = 0
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type) == 0 else { return false }
        if type == 1 {
            var unit: UInt32 = 0
            guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit) == 0 else { return false }
            return unit >= 0x80
        }
        guard type == 0 else { return false }  // 2: matches start at line starts
        var bitmap: UnsafePointer<UInt8>?
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap else { return false }
        return (0..<16).allSatisfy { bitmap[$0] == 0 }  // bits 0-127: the ASCII bytes
    }
}
