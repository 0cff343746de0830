/// The per-byte `CharFlags` of a `SearchText`, in storage the text owns and reuses, always
/// followed by at least `PaddedFlags.padding` zero bytes.
///
/// Why not an `[CharFlags]`: emptying an array for the next draft goes through the generic
/// `replaceSubrange` on every load, and the word pass, which reads the flags eight bytes at a
/// time, had to copy them into a padded buffer of its own. Here a load only overwrites the
/// bytes and stores one zero word after them, and the word pass reads the flags in place
/// (`paddedBytes`).
///
/// Value semantics as with `Array`: copies share storage until one of them is loaded again,
/// which then takes storage of its own (copy-on-write; a load never reads the old contents, so
/// nothing is copied).
public struct PaddedFlags: RandomAccessCollection, Sendable, Equatable {
    /// Zero bytes guaranteed after the last flag: one eight-byte word.
    public static let padding = 8

    private var storage: PaddedFlagStorage
    /// Number of flags (one per normalised byte).
    public private(set) var count: Int = 0

    init() { storage = PaddedFlagStorage(capacity: Self.padding) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> CharFlags {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
        return CharFlags(rawValue: storage.base[i])
    }

    /// The flags as their raw bytes, then at least `padding` zero bytes. Valid while this value
    /// (or the `SearchText` holding it) is alive and not loaded again; for hot loops that read
    /// a word at a time.
    package var paddedBytes: UnsafePointer<UInt8> { UnsafePointer(storage.base) }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<CharFlags>) throws -> R) rethrows -> R {
        try storage.base.withMemoryRebound(to: CharFlags.self, capacity: count) { try body(UnsafeBufferPointer(start: $0, count: count)) }
    }

    public static func == (a: PaddedFlags, b: PaddedFlags) -> Bool {
        a.count == b.count && (a.storage === b.storage || a.elementsEqual(b))
    }

    public static func == (a: PaddedFlags, b: [CharFlags]) -> Bool { a.elementsEqual(b) }

    /// Replaces the contents: `write` gets room for `capacity` flags (their previous values
    /// are undefined; it may write past the count it returns) and returns how many it wrote.
    /// Then the padding after them is zeroed. Takes fresh storage when this one is shared or
    /// too small.
    mutating func overwrite(capacity: Int, _ write: (UnsafeMutablePointer<CharFlags>) -> Int) {
        let needed = capacity + Self.padding
        if storage.capacity < needed {
            // Grows geometrically, like an array, so a run of longer texts reallocates rarely.
            storage = PaddedFlagStorage(capacity: Swift.max(needed, storage.capacity * 2))
        } else if !isKnownUniquelyReferenced(&storage) {
            // Shared with a copy: storage of the same size (doubling here would grow it on
            // every load made while some copy is kept).
            storage = PaddedFlagStorage(capacity: storage.capacity)
        }
        let base = storage.base
        let written = base.withMemoryRebound(to: CharFlags.self, capacity: capacity) { write($0) }
        precondition(written <= capacity, "wrote past the room given")
        UnsafeMutableRawPointer(base + written).storeBytes(of: 0, as: UInt64.self)
        count = written
    }

    /// Bytes of storage behind these flags, padding included (for tests of its growth).
    package var storageCapacity: Int { storage.capacity }

    /// Empties the flags: the padding at the start is zeroed (storage is kept).
    mutating func removeAll() {
        overwrite(capacity: 0) { _ in 0 }
    }
}

/// Heap storage for `PaddedFlags`: written only through a uniquely referenced `PaddedFlags`,
/// like an array's buffer, hence safe to share between threads once written.
private final class PaddedFlagStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity >= PaddedFlags.padding)
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        base.initialize(repeating: 0, count: capacity)
    }

    deinit { base.deallocate() }
}
