/// Letters-only view of a SearchText: separators dropped, leetspeak digits read as letters, with word boundaries kept.
///
/// Finds names hidden by spacing ("P R E S C H O O L"), hashtags and camelCase
/// ("#StonhamAspal"), separators ("s.t.o.n.h.a.m") or leetspeak ("St0nh4m"). Letters are folded
/// so that look-alikes agree: `l` reads as `i`, as does `1`, so "Aspal", "Aspa1" and "Aspai" meet.
/// A leetspeak character (0 1 3 4 5 7 8 @ $ | and `!` before a letter) counts as a letter only
/// inside a run of letters and leetspeak characters that holds at least one real letter,
/// so "8.45" or "Room 101" yield nothing.
///
/// Not thread-safe: one per thread/request; reuse it across texts to avoid allocation.
public struct Skeleton: Sendable {
    /// The letters, `a`–`z` except `l` (folded to `i`).
    public private(set) var bytes: [UInt8] = []
    /// For each skeleton byte: index into `text.bytes` of the byte it came from.
    public private(set) var source: [Int32] = []
    /// True where a word boundary precedes this letter in the text: the first letter, after any
    /// dropped character, or at a camelCase step (a lowercase letter followed by an uppercase one).
    public private(set) var boundaryBefore: [Bool] = []
    /// Length of the search text last loaded.
    private var textCount = 0
    // Working storage reused across loads, sized for the longest text seen.
    private var scratchLetters: [UInt8] = []
    private var scratchSource: [Int32] = []
    private var scratchBoundaries: [Bool] = []

    /// An empty skeleton; its storage grows on the first loads and is then reused.
    public init() {}

    /// Number of skeleton letters.
    public var count: Int { bytes.count }

    /// True if a word boundary follows skeleton position i-1 (i.e. at end index i): i == count, or boundaryBefore[i].
    public func boundary(at i: Int) -> Bool {
        i == count || boundaryBefore[i]
    }

    /// The range of `text.bytes` that the skeleton range `r` was read from; pass it to
    /// `SearchText.originalRange` to reach the original bytes.
    public func textRange(_ r: Range<Int>) -> Range<Int> {
        precondition(r.lowerBound >= 0 && r.upperBound <= count, "range \(r) outside 0..<\(count)")
        guard !r.isEmpty else {
            let position = r.lowerBound < count ? Int(source[r.lowerBound]) : textCount
            return position..<position
        }
        return Int(source[r.lowerBound])..<Int(source[r.upperBound - 1]) + 1
    }

    /// Skeleton of a plain string, for building dictionaries with the same folding
    /// (e.g. "Stonham Aspal Pre-School" -> "stonhamaspaipreschooi").
    public static func skeletonize(_ s: String) -> [UInt8] {
        var text = SearchText()
        text.load(s)
        var skeleton = Skeleton()
        skeleton.load(from: text)
        return skeleton.bytes
    }

    /// Reads the letters of `text`, replacing previous contents.
    public mutating func load(from text: SearchText) {
        load(from: text, start: 0, letterLimit: Int.max)
    }

    /// Reads at most `letterLimit` letters of `text` from byte `start` on, as if the text began
    /// there: enough to compare a few names at one place without reading the whole text.
    public mutating func load(from text: SearchText, start: Int, letterLimit: Int) {
        precondition(start >= 0 && start <= text.count, "start \(start) outside 0...\(text.count)")
        textCount = text.count
        bytes.clear()
        source.clear()
        boundaryBefore.clear()
        // Leetspeak waiting for a letter is written in one go, so the limit can be passed by
        // a few letters: room is kept for every byte from `start`.
        let room = text.count - start
        guard room > 0, letterLimit > 0 else { return }
        reserveScratch(room)
        text.bytes.withUnsafeBufferPointer { input in
            text.flags.withUnsafeBufferPointer { flags in
                scratchLetters.withUnsafeMutableBufferPointer { letters in
                    scratchSource.withUnsafeMutableBufferPointer { source in
                        scratchBoundaries.withUnsafeMutableBufferPointer { boundaries in
                            var out = SkeletonWriter(
                                letters: letters.baseAddress!, source: source.baseAddress!, boundaries: boundaries.baseAddress!)
                            readLetters(input, from: start, limit: letterLimit, flags: flags, into: &out)
                            let count = out.count
                            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: letters[..<count]))
                            self.source.append(contentsOf: UnsafeBufferPointer(rebasing: source[..<count]))
                            boundaryBefore.append(contentsOf: UnsafeBufferPointer(rebasing: boundaries[..<count]))
                        }
                    }
                }
            }
        }
    }

    /// The first letters the skeleton would hold if loaded from byte `start`, read until
    /// `wanted` (at most 8) are found: the first eight of them packed one per byte (the first
    /// in the low byte), and how many were read. A load from `start` begins with exactly these
    /// letters, and holds no more than `count` when `count < wanted` (the text ended); so a
    /// caller can rule out a name at `start` from a few bytes, with no buffer written.
    public func leadingLetters(of text: SearchText, from start: Int, wanted: Int) -> (packed: UInt64, count: Int) {
        precondition(start >= 0 && start <= text.count && wanted <= 8, "start \(start) outside 0...\(text.count)")
        guard start < text.count, wanted > 0 else { return (0, 0) }
        return text.bytes.withUnsafeBufferPointer { input in
            text.flags.withUnsafeBufferPointer { flags in
                var out = PackedLetters()
                readLetters(input, from: start, limit: wanted, flags: flags, into: &out)
                return (out.packed, out.count)
            }
        }
    }

    /// Grows the working storage to hold one letter per byte of `room`.
    private mutating func reserveScratch(_ room: Int) {
        guard scratchLetters.count < room else { return }
        let growth = room - scratchLetters.count
        scratchLetters.append(contentsOf: repeatElement(0, count: growth))
        scratchSource.append(contentsOf: repeatElement(0, count: growth))
        scratchBoundaries.append(contentsOf: repeatElement(false, count: growth))
    }
}

/// Where `readLetters` writes: the full skeleton (`SkeletonWriter`) or only its first letters
/// (`PackedLetters`), so both read the text by the same rules.
private protocol SkeletonSink {
    /// Letters written so far.
    var count: Int { get }
    /// Whether the last character written was uppercase (leetspeak passes it on).
    var previousUppercase: Bool { get }
    /// The next letter will start a word.
    mutating func markBoundary()
    mutating func put(_ letter: UInt8, from j: Int, uppercase: Bool)
    mutating func putLetterOrSeparator(_ c: UInt8, from j: Int, uppercase: Bool)
}

/// The skeleton loop (rules in `Skeleton`) from byte `start` until `limit` letters are written
/// to `out`. A `SkeletonWriter` must have room for one letter per byte from `start`.
@inline(__always)
private func readLetters<Sink: SkeletonSink>(
    _ input: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, flags: UnsafeBufferPointer<CharFlags>,
    into out: inout Sink
) {
    skeletonClasses.withUnsafeBufferPointer { classes in
        // Whether the current run of letters and leetspeak has a real letter yet; until it
        // does, its leetspeak characters wait from `waitingSince` (-1 when none). Leetspeak
        // has no case: it passes `previousUppercase` on, so "ST0NHAM" has no camelCase step.
        var runHasLetter = false
        var waitingSince = -1

        for j in start..<input.count {
            if out.count >= limit { break }
            let c = classes[Int(input[j])]
            if c >= exclamationClass {
                // Leetspeak (rare): a letter only in a run that also holds a real letter.
                let letter = leetLetterClass(input, at: j, classes)
                if letter == 0 {
                    out.markBoundary()
                    runHasLetter = false
                    waitingSince = -1
                } else if runHasLetter {
                    out.put(letter & ~leetBit, from: j, uppercase: out.previousUppercase)
                } else if waitingSince < 0 {
                    waitingSince = j
                }
                continue
            }
            let isLetter = c != 0
            if isLetter && waitingSince >= 0 {
                for k in waitingSince..<j {
                    out.put(leetLetterClass(input, at: k, classes) & ~leetBit, from: k, uppercase: out.previousUppercase)
                }
            }
            out.putLetterOrSeparator(c, from: j, uppercase: flags[j].contains(.uppercase))
            runHasLetter = isLetter
            waitingSince = -1
        }
    }
}

/// The first eight letters only, packed one per byte (first in the low byte), and how many
/// letters were read in all: no buffers, no positions, no boundaries.
private struct PackedLetters: SkeletonSink {
    var packed: UInt64 = 0
    var count = 0
    var previousUppercase: Bool { false }  // only boundaries depend on case

    @inline(__always)
    mutating func markBoundary() {}

    @inline(__always)
    mutating func put(_ letter: UInt8, from j: Int, uppercase: Bool) {
        if count < 8 { packed |= UInt64(letter) << UInt64(8 * count) }
        count += 1
    }

    @inline(__always)
    mutating func putLetterOrSeparator(_ c: UInt8, from j: Int, uppercase: Bool) {
        if c != 0 { put(c, from: j, uppercase: uppercase) }
    }
}

/// The output side of `readLetters`, as a value with no captured state so that its fields
/// live in registers through the loop.
private struct SkeletonWriter: SkeletonSink {
    let letters: UnsafeMutablePointer<UInt8>
    let source: UnsafeMutablePointer<Int32>
    let boundaries: UnsafeMutablePointer<Bool>
    var count = 0
    var pendingBoundary = true
    var previousUppercase = false

    init(letters: UnsafeMutablePointer<UInt8>, source: UnsafeMutablePointer<Int32>, boundaries: UnsafeMutablePointer<Bool>) {
        self.letters = letters
        self.source = source
        self.boundaries = boundaries
    }

    @inline(__always)
    mutating func markBoundary() { pendingBoundary = true }

    @inline(__always)
    mutating func put(_ letter: UInt8, from j: Int, uppercase: Bool) {
        letters[count] = letter
        source[count] = Int32(truncatingIfNeeded: j)
        boundaries[count] = pendingBoundary || (uppercase && !previousUppercase)
        count += 1
        pendingBoundary = false
        previousUppercase = uppercase
    }

    /// A letter (class non-zero) or a separator (0), with few branches: a separator's slot is
    /// overwritten by the next letter because `count` does not advance.
    @inline(__always)
    mutating func putLetterOrSeparator(_ c: UInt8, from j: Int, uppercase: Bool) {
        let isLetter = c != 0
        letters[count] = c
        source[count] = Int32(truncatingIfNeeded: j)
        boundaries[count] = pendingBoundary || (uppercase && !previousUppercase)
        count += isLetter ? 1 : 0
        pendingBoundary = !isLetter
        previousUppercase = uppercase
    }
}

/// The letter a leetspeak character at `j` reads as (with `leetBit`), or 0 when it reads as none.
@inline(__always)
private func leetLetterClass(_ input: UnsafeBufferPointer<UInt8>, at j: Int, _ classes: UnsafeBufferPointer<UInt8>) -> UInt8 {
    let c = classes[Int(input[j])]
    if c == atClass {
        // "@" reads as "a" inside a word ("Asp@l"), never before a handle ("@stonham").
        return j > 0 && input[j - 1] &- UInt8(ascii: "a") < 26 ? UInt8(ascii: "a") | leetBit : 0
    }
    guard c == exclamationClass else { return c }
    let followedByLetter = j + 1 < input.count && input[j + 1] &- UInt8(ascii: "a") < 26
    return followedByLetter ? UInt8(ascii: "i") | leetBit : 0
}

/// Marks a leetspeak reading in `skeletonClasses`.
private let leetBit: UInt8 = 0x80
/// `!` reads as `i` only before a letter; resolved in `readLetters`.
private let exclamationClass: UInt8 = 0x7F
/// `@` reads as `a` only after a letter; resolved in `readLetters`.
private let atClass: UInt8 = 0xFF

/// For each search-form byte: its skeleton letter, the letter with `leetBit` set for a
/// leetspeak character, or 0 for a separator.
private let skeletonClasses: [UInt8] = {
    var classes = [UInt8](repeating: 0, count: 256)
    for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
        classes[Int(letter)] = letter
    }
    classes[Int(UInt8(ascii: "l"))] = UInt8(ascii: "i")
    let leet: [(Character, Character)] = [
        ("0", "o"), ("1", "i"), ("3", "e"), ("4", "a"), ("5", "s"), ("7", "t"), ("8", "b"),
        ("$", "s"), ("|", "i"),
    ]
    for (symbol, letter) in leet {
        classes[Int(symbol.asciiValue!)] = letter.asciiValue! | leetBit
    }
    classes[Int(UInt8(ascii: "!"))] = exclamationClass
    classes[Int(UInt8(ascii: "@"))] = atClass
    return classes
}()
