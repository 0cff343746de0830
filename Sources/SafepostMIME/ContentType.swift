import SafepostModel

/// A parsed Content-Type (RFC 2045 §5): `type/subtype; name=value...`, names and types lowercased.
public struct ContentType: Sendable, Equatable {
    /// The top-level media type, lowercased ("text", "multipart", "image"...).
    public var type: String
    /// The subtype, lowercased ("plain", "html", "mixed"...).
    public var subtype: String
    /// The parameters in order, decoded (see `MIMEParameter`).
    public var parameters: [MIMEParameter]

    /// Creates a value from its fields.
    public init(type: String, subtype: String, parameters: [MIMEParameter] = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses a Content-Type header value; nil when it has no `type/subtype`.
    public init?(header value: [UInt8]) {
        var log = WarningLog()
        guard let parsed = value.withUnsafeBufferPointer({ ContentType(parsing: $0, part: "", log: &log) }) else { return nil }
        self = parsed
    }

    init?(parsing value: Bytes, part: String, log: inout WarningLog) {
        let parsed = ParameterizedValue(value, part: part, log: &log)
        let token = parsed.token.utf8
        guard let slash = token.firstIndex(of: Byte.slash) else { return nil }
        let type = String(parsed.token[..<slash])
        let subtype = String(parsed.token[token.index(after: slash)...])
        guard !type.isEmpty, !subtype.isEmpty, !subtype.utf8.contains(Byte.slash) else { return nil }
        self.init(type: type, subtype: subtype, parameters: parsed.parameters)
    }

    /// `type/subtype`, e.g. "text/plain".
    public var mimeType: String { type + "/" + subtype }

    /// The value of a parameter (name compared lowercased), or nil.
    public func parameter(_ name: String) -> String? {
        let key = name.lowercased()
        return parameters.first { $0.name == key }?.value
    }

    /// The value of a parameter given by its lowercase name (no allocation).
    func param(_ lower: StaticString) -> String? {
        parameters.first { equalsLowercase($0.name, lower) }?.value
    }

    /// text/plain (the RFC 2045 default).
    public static let textPlain = ContentType(type: "text", subtype: "plain")
    /// message/rfc822 (the default inside multipart/digest).
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    var isMultipart: Bool { type == "multipart" }
    var isText: Bool { type == "text" }
    var isPlainText: Bool { type == "text" && subtype == "plain" }
    var isHTML: Bool { type == "text" && (subtype == "html" || subtype == "xhtml+xml") }
    /// message/rfc822 or message/global (a forwarded mail).
    var isMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }
}

/// What one entity's headers say about its content.
struct EntityInfo {
    var contentType: ContentType
    var transferEncoding: TransferEncoding = .identity
    /// Content-Disposition: attachment.
    var isAttachmentDisposition = false
    /// The filename from Content-Disposition, else the Content-Type `name`.
    var filename: String?

    /// Reads the MIME headers of an entity; a missing or broken Content-Type gives `defaultType`.
    /// When a field is repeated, the first one counts (as in common mail readers).
    init(_ headers: [MailHeader], defaultType: ContentType, part: String, log: inout WarningLog) {
        contentType = defaultType
        var dispositionFilename: String? = nil
        var seen: (type: Bool, encoding: Bool, disposition: Bool) = (false, false, false)
        for header in headers {
            switch header.known {
            case .contentType where !seen.type:
                seen.type = true
                let parsed = header.rawValue.withUnsafeBufferPointer { ContentType(parsing: $0, part: part, log: &log) }
                if let parsed {
                    contentType = parsed
                } else {
                    log.add(.invalidContentType, part: part, header.value + " (read as " + defaultType.mimeType + ")")
                }
            case .contentTransferEncoding where !seen.encoding:
                seen.encoding = true
                transferEncoding = header.rawValue.withUnsafeBufferPointer { TransferEncoding(header: $0) }
                if case .unknown(let name) = transferEncoding {
                    log.add(.unknownTransferEncoding, part: part, name + " (read as it is)")
                }
            case .contentDisposition where !seen.disposition:
                seen.disposition = true
                let parsed = header.rawValue.withUnsafeBufferPointer { ParameterizedValue($0, part: part, log: &log) }
                isAttachmentDisposition = parsed.token == "attachment"
                if let name = parsed.parameter("filename"), !name.isEmpty { dispositionFilename = name }
            default:
                break
            }
        }
        filename = dispositionFilename ?? contentType.param("name").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The attachment this entity is, with the declared type, except that a generic type
    /// (application/octet-stream or none) with an image file extension is reported as that image
    /// type, since a mail reader shows it as a picture.
    var attachment: Attachment {
        var type = contentType.mimeType
        if type == "application/octet-stream" || type == "application/x-octet-stream" || type == "text/plain",
           let guessed = imageType(forFilename: filename)
        {
            type = guessed
        }
        return Attachment(filename: filename, contentType: type)
    }
}

/// The image content type for a filename's extension, or nil.
func imageType(forFilename name: String?) -> String? {
    guard let name, let dot = name.utf8.lastIndex(of: Byte.dot) else { return nil }
    switch name[name.utf8.index(after: dot)...].lowercased() {
    case "jpg", "jpeg", "jpe": return "image/jpeg"
    case "png": return "image/png"
    case "gif": return "image/gif"
    case "heic": return "image/heic"
    case "heif": return "image/heif"
    case "webp": return "image/webp"
    case "bmp": return "image/bmp"
    case "tif", "tiff": return "image/tiff"
    default: return nil
    }
}
