/// Something unusual met while reading a mail. Reading never fails: every oddity is tolerated,
/// read as well as it can be, and recorded as a warning so the report can say so.
///
/// Repeats of the same kind in the same part are folded into one warning with a `count`.
public struct MailWarning: Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A header line with no colon (or an invalid field name); the line was skipped.
        case headerWithoutColon = "header-without-colon"
        /// A line that is not a header where headers were expected and no blank line before it:
        /// the body was taken to start there.
        case missingHeaderSeparator = "missing-header-separator"
        /// 8-bit bytes in a header that are not UTF-8; decoded as Windows-1252.
        case eightBitHeader = "8bit-header"
        /// A charset this reader does not know; decoded as UTF-8 if valid, else as Windows-1252.
        case unknownCharset = "unknown-charset"
        /// Bytes not valid in the declared charset (invalid UTF-8, 8-bit bytes in US-ASCII);
        /// replaced with U+FFFD or decoded as Windows-1252.
        case invalidCharsetData = "invalid-charset-data"
        /// Characters outside the base64 alphabet; skipped.
        case invalidBase64 = "invalid-base64"
        /// `=` not followed by two hex digits or a line break in quoted-printable; kept literally.
        case invalidQuotedPrintable = "invalid-quoted-printable"
        /// A Content-Transfer-Encoding this reader does not know; the body was read as it is.
        case unknownTransferEncoding = "unknown-transfer-encoding"
        /// A Content-Type that could not be parsed; the default type was used.
        case invalidContentType = "invalid-content-type"
        /// A multipart without a boundary parameter (one was guessed from the body, or the body
        /// was read as one text part).
        case missingBoundary = "missing-boundary"
        /// A multipart whose boundary never appears in its body; the body was read as one part.
        case boundaryNotFound = "boundary-not-found"
        /// A multipart without its closing delimiter; the last part runs to the end.
        case unterminatedMultipart = "unterminated-multipart"
        /// Parts nested deeper than the limit; the deeper body was read as plain text.
        case nestingTooDeep = "nesting-too-deep"
        /// A Date header that could not be parsed; `sentAt` is nil.
        case unparsableDate = "unparsable-date"
        /// A Date header without a known time zone; taken as UTC.
        case dateZoneAssumed = "date-zone-assumed"
        /// More warnings than are kept; the rest were counted here.
        case tooManyWarnings = "too-many-warnings"
    }

    /// What went wrong.
    public var kind: Kind
    /// The IMAP-style part number it happened in ("" for the top-level headers, "1.2", ...).
    public var part: String
    /// A short human-readable detail of the first occurrence (a charset name, a header line...).
    public var detail: String
    /// How many times it happened in this part.
    public var count: Int

    /// Creates a value from its fields.
    public init(kind: Kind, part: String, detail: String, count: Int = 1) {
        self.kind = kind
        self.part = part
        self.detail = detail
        self.count = count
    }

    /// E.g. `part 1.2: invalid-base64 (3×): skipped "*"`.
    public var description: String {
        var s = part.isEmpty ? "message" : "part \(part)"
        s += ": \(kind.rawValue)"
        if count > 1 { s += " (\(count)×)" }
        if !detail.isEmpty { s += ": \(detail)" }
        return s
    }
}

/// Collects warnings, folding repeats and keeping at most `limit` distinct ones.
struct WarningLog {
    private(set) var warnings: [MailWarning] = []
    private var dropped = 0
    static let limit = 64

    mutating func add(_ kind: MailWarning.Kind, part: String, _ detail: @autoclosure () -> String, count: Int = 1) {
        for k in warnings.indices where warnings[k].kind == kind && warnings[k].part == part {
            warnings[k].count += count
            return
        }
        guard warnings.count < Self.limit else {
            dropped += count
            return
        }
        var text = detail()
        if text.utf8.count > 120 { text = String(text.prefix(117)) + "..." }
        warnings.append(MailWarning(kind: kind, part: part, detail: text, count: count))
    }

    /// The warnings, with a final `tooManyWarnings` when some were dropped.
    var all: [MailWarning] {
        guard dropped > 0 else { return warnings }
        return warnings + [MailWarning(kind: .tooManyWarnings, part: "", detail: "\(dropped) more not kept", count: dropped)]
    }
}
