import SafepostText

/// A fresh search form of `text`.
func searchText(_ text: String) -> SearchText {
    var result = SearchText()
    result.load(text)
    return result
}

/// A fresh search form of raw bytes (possibly invalid UTF-8).
func searchText(bytes: [UInt8]) -> SearchText {
    var result = SearchText()
    bytes.withUnsafeBufferPointer { result.load($0) }
    return result
}

/// The search form as a string (it is always valid UTF-8).
func normalised(_ text: String) -> String {
    String(decoding: searchText(text).bytes, as: UTF8.self)
}

/// UTF-8 offsets of the scalar boundaries of `text`, including 0 and the end.
func scalarBoundaries(_ text: String) -> Set<Int> {
    var offsets: Set<Int> = [0]
    var offset = 0
    for scalar in text.unicodeScalars {
        offset += UTF8.width(scalar)
        offsets.insert(offset)
    }
    return offsets
}

/// Checks the invariants every search form must hold for an input of `inputCount` bytes:
/// valid UTF-8, parallel arrays of one length, non-decreasing origins inside the input, and
/// origin ranges that tile the input (each character's range starts where the previous ended).
func expectWellFormed(_ text: SearchText, inputCount: Int) -> Bool {
    guard String(validating: text.bytes, as: UTF8.self) != nil,
          text.flags.count == text.count
    else { return false }
    for i in 0..<text.count {
        let start = text.originStart(i), end = text.originEnd(i)
        guard 0 <= start, start < end, end <= inputCount else { return false }
        if i == 0 {
            guard start == 0 else { return false }
        } else {
            let previousStart = text.originStart(i - 1), previousEnd = text.originEnd(i - 1)
            let sameCharacter = start == previousStart && end == previousEnd
            guard sameCharacter || start == previousEnd else { return false }
        }
    }
    return text.count == 0 || text.originEnd(text.count - 1) <= inputCount
}
