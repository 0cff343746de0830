/// One piece of the extracted text and where in the mail it came from.
public struct TextPart: Sendable, Equatable, CustomStringConvertible {
    /// How the text was obtained.
    public enum Origin: String, Sendable, Equatable {
        /// The content of a text/plain or text/html part.
        case body
        /// The From/Date/Subject/To/Cc lines of a forwarded message (message/rfc822).
        case forwardedHeaders = "forwarded-headers"
        /// A body read as plain text because its structure was broken (no boundary, nesting
        /// too deep): it may hold MIME syntax.
        case unparsed
    }

    /// UTF-8 byte offsets of this text in `MailExtraction.request.text`.
    public var range: Range<Int>
    /// The IMAP-style part number ("1", "1.2", "2.1.1"): for a message/rfc822 part its number,
    /// and the parts of the forwarded message below it ("2.1"...).
    public var part: String
    /// The part's content type ("text/plain", "text/html", "message/rfc822"...).
    public var contentType: String
    public var origin: Origin
    /// The 1-based number (in reading order) of the innermost forwarded message this text is in,
    /// or nil for the mail's own text.
    public var forwardedMessage: Int?

    /// Creates a value from its fields.
    public init(range: Range<Int>, part: String, contentType: String, origin: Origin, forwardedMessage: Int? = nil) {
        self.range = range
        self.part = part
        self.contentType = contentType
        self.origin = origin
        self.forwardedMessage = forwardedMessage
    }

    /// For reports: "1.2 text/html", "2 forwarded message 1 headers",
    /// "2.1 text/plain in forwarded message 1", "1 multipart/mixed read as text".
    public var description: String {
        switch origin {
        case .forwardedHeaders:
            return "\(part) forwarded message \(forwardedMessage ?? 0) headers"
        case .body, .unparsed:
            var s = part + " " + contentType
            if origin == .unparsed { s += " read as text" }
            if let k = forwardedMessage { s += " in forwarded message \(k)" }
            return s
        }
    }
}
