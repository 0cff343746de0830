/// An RFC 5322 message (or MIME entity) split into its header fields and body.
///
/// Lenient: lines may end in CRLF or LF; folded fields are unfolded; names are matched ignoring
/// case; repeated fields are kept in order; a line without a colon or 8-bit bytes in a header
/// are tolerated and reported in `warnings`. The body is a slice of the input, not a copy.
public struct MailMessage: Sendable {
    /// The header fields in order.
    public var headers: [MailHeader]
    /// The bytes after the blank line that ends the headers (empty when there is none).
    public var body: ArraySlice<UInt8>
    /// Oddities met in the header block.
    public var warnings: [MailWarning]

    /// Parses a message.
    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// Parses a message held in a slice (the body shares its storage).
    public init(_ bytes: ArraySlice<UInt8>) {
        var log = WarningLog()
        let block = bytes.withUnsafeBufferPointer { parseHeaderBlock($0, 0..<$0.count, part: "", log: &log) }
        headers = block.headers
        body = bytes[(bytes.startIndex + block.bodyStart)...]
        warnings = log.all
    }

    /// Every field called `name` (ignoring case), in order.
    public func headers(named name: String) -> [MailHeader] {
        headers.filter { $0.hasName(name) }
    }

    /// The first field called `name` (ignoring case).
    public func header(named name: String) -> MailHeader? {
        headers.first { $0.hasName(name) }
    }

    /// The Content-Type, or nil when absent or malformed.
    public var contentType: ContentType? {
        header(named: "Content-Type").flatMap { ContentType(header: $0.rawValue) }
    }

    /// The Subject with RFC 2047 encoded words decoded, or nil when absent.
    public var subject: String? {
        header(named: "Subject")?.decodedValue
    }

    /// The first mailbox of From:, or nil.
    public var from: MailAddress? {
        header(named: "From").flatMap { MailAddress(header: $0.rawValue) }
    }
}
