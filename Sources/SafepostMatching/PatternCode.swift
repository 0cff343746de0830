/// A pattern's compiled code as a plain value, for hot loops that try many patterns: copying or
/// calling it costs no reference counting, where each use of a `Pattern` (a class instance)
/// may retain and release it.
///
/// It does not keep its `Pattern` alive: it is valid only while that `Pattern` is, so hold it
/// next to the owner of the pattern (a rule set keeps both for as long as it is used).
public struct PatternCode: @unchecked Sendable {
    // Never mutated after the pattern's init; the owning `Pattern` frees it in `deinit`.
    let code: OpaquePointer
    let isJITCompiled: Bool
    /// See ``Pattern/startsWithNonASCII``.
    public let startsWithNonASCII: Bool

    /// The first match at or after byte offset `start` in `subject`: exactly what
    /// ``Pattern/firstMatch(in:from:scratch:)`` of the pattern it came from returns.
    @inline(__always)
    public func firstMatch(
        in subject: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        try Pattern.match(code, isJITCompiled: isJITCompiled, subject, from: start, options: 0, scratch: scratch)
    }
}

extension Pattern {
    /// This pattern's code without its reference count; see ``PatternCode`` for its lifetime.
    public var unownedCode: PatternCode {
        PatternCode(code: code, isJITCompiled: isJITCompiled, startsWithNonASCII: startsWithNonASCII)
    }
}
