import CPCRE2

/// Resource limits applied to every match run with a ``MatchScratch``.
///
/// Which limit applies depends on the engine (see `pcre2jit(3)`):
/// - `match` is honoured by both JIT and the interpreter (what is counted differs).
/// - `depth` and `heap` are honoured by the interpreter only; JIT never reports them.
/// - `jitStackKiB` bounds the JIT stack (JIT only); exceeding it is `PCRE2_ERROR_JIT_STACKLIMIT`.
/// Hitting any of them throws ``MatchError``: a limit is a failure, never "no match".
public struct MatchLimits: Sendable, Equatable {
    /// Maximum calls of PCRE2's internal match function (backtracking steps).
    public var match: UInt32
    /// Maximum nesting of backtracking points (interpreter only).
    public var depth: UInt32
    /// Maximum heap for backtracking frames, in KiB (interpreter only).
    public var heap: UInt32
    /// Maximum JIT stack size, in KiB (JIT only). The stack starts at 32 KiB and grows up to
    /// this on demand; values below 32 are treated as 32.
    public var jitStackKiB: Int

    public init(match: UInt32 = 1_000_000, depth: UInt32 = 10_000, heap: UInt32 = 20_000, jitStackKiB: Int = 512) {
        self.match = match
        self.depth = depth
        self.heap = heap
        self.jitStackKiB = jitStackKiB
    }

    /// Limits generous for real rules on mail-sized drafts, tight enough to stop
    /// catastrophic backtracking within milliseconds.
    public static let `default` = MatchLimits()
}

/// Per-thread mutable state for matching: match data, a match context carrying the
/// limits, and a JIT stack (shared by all patterns matched with this scratch).
///
/// Not thread-safe and deliberately not `Sendable`: create one per thread or task and
/// reuse it for every match there (creating one per match wastes allocations).
public final class MatchScratch {
    /// The limits this scratch enforces.
    public let limits: MatchLimits
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer

    /// Allocates the scratch. Traps only if the C allocator fails.
    public init(limits: MatchLimits = .default) {
        self.limits = limits
        // One ovector pair is enough: only whole-match ranges are reported. When a pattern has
        // more groups, PCRE2 returns 0 ("ovector too small") but still fills pair 0.
        guard let matchData = pcre2_match_data_create_8(1, nil),
              let context = pcre2_match_context_create_8(nil),
              let jitStack = pcre2_jit_stack_create_8(
                  32 * 1024, max(32, limits.jitStackKiB) * 1024, nil)
        else { fatalError("SafepostMatching: out of memory creating MatchScratch") }
        pcre2_set_match_limit_8(context, limits.match)
        pcre2_set_depth_limit_8(context, limits.depth)
        pcre2_set_heap_limit_8(context, limits.heap)
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        self.matchData = matchData
        self.context = context
        self.jitStack = jitStack
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        pcre2_jit_stack_free_8(jitStack)
    }
}

@available(*, unavailable, message: "MatchScratch is per-thread; create one in each task")
extension MatchScratch: Sendable {}
