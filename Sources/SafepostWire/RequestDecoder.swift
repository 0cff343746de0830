import SafepostModel

/// Reads a screening request from its JSON body (the wire contract), strictly and without Foundation.
///
/// Only `id` (a string, or a number whose source text is kept) and `text` are required. `null` for an
/// optional field means absent; unknown fields of any type are checked for well-formedness and ignored;
/// a field of the contract named twice in one object is an `invalid-field` error (a tool that kept
/// the other copy would post text nobody screened); an unknown key may repeat. No request string
/// may contain U+0000 (`invalid-field`).
/// `sent_at` accepts what `TimestampParser` accepts. Safe to call from any thread.
public enum RequestDecoder {
    /// The default limit on the body size: 1 MiB.
    public static let defaultMaxBytes = 1 << 20
    /// Objects and arrays may nest this deep (the request object itself is level 1).
    public static let maxDepth = 64

    /// Decodes one request from a UTF-8 JSON body.
    public static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, maxBytes: Int = defaultMaxBytes
    ) throws(WireError) -> ScreeningRequest {
        try decode(bytes, capturing: [], maxBytes: maxBytes).request
    }

    /// Decodes one request and also returns the top-level fields named in `capturing` that are not
    /// part of the request contract (absent keys are absent from `captured`).
    public static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, capturing: Set<String>, maxBytes: Int = defaultMaxBytes
    ) throws(WireError) -> (request: ScreeningRequest, captured: [String: JSONValue]) {
        guard bytes.count <= maxBytes else { throw WireError.tooLarge(size: bytes.count, limit: maxBytes) }
        var fields = RequestFields(reader: JSONReader(bytes, maxDepth: maxDepth), capturing: capturing)
        do {
            try fields.read()
        } catch {
            var located = error
            if located.id == nil { located.id = fields.id }
            throw located
        }
        guard let id = fields.id else { throw WireError.missingField("id") }
        guard let text = fields.text else { throw WireError.missingField("text", id: id) }
        let request = ScreeningRequest(
            id: id, text: text, subject: fields.subject, author: fields.author,
            attachments: fields.attachments, sentAt: fields.sentAt, channel: fields.channel)
        return (request, fields.captured)
    }

    /// Decodes one request from raw bytes (for example a NIO `ByteBuffer`'s readable bytes).
    public static func decode(_ bytes: UnsafeRawBufferPointer, maxBytes: Int = defaultMaxBytes) throws(WireError) -> ScreeningRequest {
        try decode(bytes.assumingMemoryBound(to: UInt8.self), maxBytes: maxBytes)
    }

    /// Decodes one request from a UTF-8 JSON body held in an array.
    public static func decode(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) throws(WireError) -> ScreeningRequest {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(WireError) in try decode(buffer, maxBytes: maxBytes) }
        }
        return try result.get()
    }

    /// Decodes one request from JSON text.
    public static func decode(_ json: String, maxBytes: Int = defaultMaxBytes) throws(WireError) -> ScreeningRequest {
        var json = json
        let result = json.withUTF8 { buffer in
            Result { () throws(WireError) in try decode(buffer, maxBytes: maxBytes) }
        }
        return try result.get()
    }
}

/// The fields of one request as they are read; a missing required field is judged after the whole body.
private struct RequestFields {
    var reader: JSONReader
    let capturing: Set<String>
    var id: String?
    var text: String?
    var subject: String?
    var author: Author?
    var attachments: [Attachment] = []
    var sentAt: Timestamp?
    var channel: String?
    var captured: [String: JSONValue] = [:]

    init(reader: JSONReader, capturing: Set<String>) {
        self.reader = reader
        self.capturing = capturing
    }

    mutating func read() throws(WireError) {
        guard try reader.peekKind() == .object else {
            throw reader.unexpected("a request must be a JSON object")
        }
        try reader.beginObject()
        var first = true
        var seen = SeenFields()
        while let key = try reader.nextKey(&first) {
            switch key {
            case "id": try seen.note(0, "id", &reader); id = try readID()
            case "text": try seen.note(1, "text", &reader); text = try string("text")
            case "subject": try seen.note(2, "subject", &reader); subject = try string("subject")
            case "author": try seen.note(3, "author", &reader); author = try readAuthor()
            case "attachments": try seen.note(4, "attachments", &reader); attachments = try readAttachments()
            case "sent_at": try seen.note(5, "sent_at", &reader); sentAt = try readTimestamp()
            case "channel": try seen.note(6, "channel", &reader); channel = try string("channel")
            default:
                if !capturing.isEmpty, case let name = key.string, capturing.contains(name) {
                    captured[name] = try reader.readValue()
                } else {
                    try reader.skipValue()
                }
            }
        }
        try reader.finish()
    }

    /// A string field, or nil for `null`; any other type is an `invalid-field` error naming `path`.
    /// `path` is only evaluated for an error message, so building it costs nothing on success.
    mutating func string(_ path: @autoclosure () -> String) throws(WireError) -> String? {
        let offset = reader.valueOffset()
        switch try reader.peekKind() {
        case .null:
            try reader.readNull()
            return nil
        case .string:
            let value: String
            do { value = try reader.readString() } catch { throw error.located(inField: path()) }
            if reader.lastStringHadNUL {
                throw WireError.invalidField(path(), "contains a NUL character (U+0000); binary content is not accepted", at: offset)
            }
            return value
        case let kind:
            throw WireError.invalidField(path(), "must be a string, not \(article(kind))", at: offset)
        }
    }

    mutating func readID() throws(WireError) -> String? {
        if try reader.peekKind() == .number { return try reader.readNumber() }
        let offset = reader.valueOffset()
        switch try reader.peekKind() {
        case .null, .string: return try string("id")
        case let kind: throw WireError.invalidField("id", "must be a string or a number, not \(article(kind))", at: offset)
        }
    }

    mutating func readAuthor() throws(WireError) -> Author? {
        guard try beginObject("author") else { return nil }
        var author = Author()
        var first = true
        var seen = SeenFields()
        while let key = try reader.nextKey(&first) {
            switch key {
            case "name":
                try seen.note(0, "author.name", &reader)
                author.name = try string("author.name")
            case "role":
                try seen.note(1, "author.role", &reader)
                let offset = reader.valueOffset()
                guard let value = try string("author.role") else { author.role = nil; continue }
                guard let role = Role(rawValue: value) else {
                    let allowed = Role.allCases.map(\.rawValue).joined(separator: ", ")
                    throw WireError.invalidField("author.role", "must be one of \(allowed), not \(quoted(value))", at: offset)
                }
                author.role = role
            default: try reader.skipValue()
            }
        }
        return author
    }

    mutating func readAttachments() throws(WireError) -> [Attachment] {
        let offset = reader.valueOffset()
        switch try reader.peekKind() {
        case .null:
            try reader.readNull()
            return []
        case .array: break
        case let kind: throw WireError.invalidField("attachments", "must be an array, not \(article(kind))", at: offset)
        }
        try reader.beginArray()
        var list: [Attachment] = []
        var first = true
        while try reader.nextElement(&first) {
            let index = list.count
            let itemOffset = reader.valueOffset()
            let kind = try reader.peekKind()
            guard kind == .object else {
                throw WireError.invalidField("attachments[\(index)]", "must be an object, not \(article(kind))", at: itemOffset)
            }
            try reader.beginObject()
            var attachment = Attachment()
            var firstKey = true
            var seen = SeenFields()
            while let key = try reader.nextKey(&firstKey) {
                switch key {
                case "filename":
                    try seen.note(0, "attachments[\(index)].filename", &reader)
                    attachment.filename = try string("attachments[\(index)].filename")
                case "content_type":
                    try seen.note(1, "attachments[\(index)].content_type", &reader)
                    attachment.contentType = try string("attachments[\(index)].content_type")
                default: try reader.skipValue()
                }
            }
            list.append(attachment)
        }
        return list
    }

    mutating func readTimestamp() throws(WireError) -> Timestamp? {
        let offset = reader.valueOffset()
        guard let value = try string("sent_at") else { return nil }
        guard let timestamp = TimestampParser.parse(value) else {
            throw WireError.invalidField("sent_at", "is not an ISO 8601 date-time: \(quoted(value))", at: offset)
        }
        return timestamp
    }

    /// Enters an object field, or returns false for `null`.
    private mutating func beginObject(_ path: String) throws(WireError) -> Bool {
        let offset = reader.valueOffset()
        switch try reader.peekKind() {
        case .null:
            try reader.readNull()
            return false
        case .object:
            try reader.beginObject()
            return true
        case let kind: throw WireError.invalidField(path, "must be an object, not \(article(kind))", at: offset)
        }
    }
}

/// Which fields of the contract one object has named so far, a bit each.
private struct SeenFields {
    private var bits: UInt8 = 0

    /// Refuses field number `field` (named `path` in the error) when the object named it before.
    /// `path` is only evaluated for an error message.
    mutating func note(_ field: UInt8, _ path: @autoclosure () -> String, _ reader: inout JSONReader) throws(WireError) {
        let bit: UInt8 = 1 << field
        if bits & bit != 0 {
            throw WireError.invalidField(path(), "is given twice; a request names each field once", at: reader.valueOffset())
        }
        bits |= bit
    }
}

/// "a string", "an array", "null".
private func article(_ kind: JSONReader.Kind) -> String {
    switch kind {
    case .null: "null"
    case .array, .object: "an \(kind.rawValue)"
    default: "a \(kind.rawValue)"
    }
}
