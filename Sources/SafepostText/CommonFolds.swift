/// `fold` for the non-ASCII characters drafts use most, without its long switch.
///
/// `fold` tests a scalar against some forty ranges in turn: about 150 instructions for a
/// typographic apostrophe, a pound sign or an emoji, which reach their case late or not at all.
/// Here the scalars below U+0250 (Latin-1 and Latin Extended) and the general punctuation block
/// (U+2000–U+206F) are answered from tables filled by `fold` itself when first used, so they
/// cannot disagree with it, and the pictographs from U+1F200 to U+DFFFF (emoji), which no case
/// of `fold` folds unless the confusables table reaches them, are kept at once. Every other
/// scalar takes `fold`. `CommonFoldTests` compares this with `fold` for every scalar.
@inline(__always)
func foldCommon(_ scalar: UInt32) -> Fold {
    if scalar < latinEnd {
        return Fold(packed: latinFolds[Int(truncatingIfNeeded: scalar &- 0x80)])
    }
    if scalar &- punctuationStart < punctuationCount {
        return Fold(packed: punctuationFolds[Int(truncatingIfNeeded: scalar &- punctuationStart)])
    }
    if scalar &- 0x1F200 < 0xE0000 - 0x1F200 && !confusablesSpan.contains(scalar) {
        return .keep
    }
    return fold(scalar)
}

private let latinEnd: UInt32 = 0x0250
private let punctuationStart: UInt32 = 0x2000
private let punctuationCount: UInt32 = 0x70

/// `fold` of U+0080 ..< U+0250, packed.
private let latinFolds: [UInt32] = (0x80..<latinEnd).map { fold($0).packed }
/// `fold` of U+2000 ..< U+2070, packed.
private let punctuationFolds: [UInt32] = (punctuationStart..<punctuationStart + punctuationCount).map { fold($0).packed }

extension Fold {
    /// One word per fold for the tables: 0 keeps, 1 drops, anything else is a replacement's
    /// raw value (never 0 or 1: its byte count, 1–3, sits in bits 24–25).
    var packed: UInt32 {
        switch self {
        case .keep: 0
        case .drop: 1
        case .replace(let replacement): replacement.raw
        }
    }

    @inline(__always)
    init(packed: UInt32) {
        switch packed {
        case 0: self = .keep
        case 1: self = .drop
        default: self = .replace(Replacement(raw: packed))
        }
    }
}
