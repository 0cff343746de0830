import SafepostModel

/// What reading one mail produced: the screening request and how its text was put together.
public struct MailExtraction: Sendable {
    /// The request to screen. `text` is the readable text of the mail; `subject` the decoded
    /// Subject; `attachments` every non-text part; `author` what the lookup gave for From:;
    /// `sentAt` from Date:; `channel` "email".
    public var request: ScreeningRequest
    /// The pieces of `request.text`, in order, with where each came from. Pieces are separated by
    /// a blank line ("\n\n") that belongs to none of them.
    public var parts: [TextPart]
    /// Everything unusual met while reading; empty for a well-formed mail.
    public var warnings: [MailWarning]
    /// The first mailbox of From:, or nil when there is none.
    public var from: MailAddress?
    /// The Message-ID without angle brackets, or nil.
    public var messageID: String?

    /// Creates a value from its fields.
    public init(request: ScreeningRequest, parts: [TextPart], warnings: [MailWarning], from: MailAddress?, messageID: String?) {
        self.request = request
        self.parts = parts
        self.warnings = warnings
        self.from = from
        self.messageID = messageID
    }

    /// The part a UTF-8 byte offset of `request.text` lies in (a finding's `start`), or nil for
    /// an offset in a separator between parts or outside the text.
    public func part(containing offset: Int) -> TextPart? {
        var lo = 0
        var hi = parts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if parts[mid].range.upperBound <= offset {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        guard lo < parts.count, parts[lo].range.contains(offset) else { return nil }
        return parts[lo]
    }

    /// The parts a byte range of `request.text` overlaps (a finding's `start..<end`); an empty
    /// range gives the part containing its position.
    public func parts(overlapping range: Range<Int>) -> [TextPart] {
        if range.isEmpty { return part(containing: range.lowerBound).map { [$0] } ?? [] }
        return parts.filter { $0.range.overlaps(range) }
    }
}
