/// Why a request could not be read, as sent back in an error response.
///
/// `code` is a stable, machine-readable token (see the static constants); `message` is a sentence for
/// a person that names what was wrong and where. `offset` is the 0-based byte offset into the request
/// body when the problem has a position; `id` is the request's id when it had been read before the
/// problem was found, so the error response can echo it.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var offset: Int?
    public var id: String?

    public init(code: String, message: String, offset: Int? = nil, id: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.id = id
    }

    /// `code: message`, for logs and the command line.
    public var description: String { "\(code): \(message)" }

    /// The body is not well-formed JSON (syntax, nesting depth, trailing bytes, escapes).
    public static let invalidJSONCode = "invalid-json"
    /// A required field (`id`, `text`) is absent or `null`.
    public static let missingFieldCode = "missing-field"
    /// A field has the wrong JSON type or a value outside its domain.
    public static let invalidFieldCode = "invalid-field"
    /// A string contains bytes that are not well-formed UTF-8.
    public static let invalidUTF8Code = "invalid-utf8"
    /// The body is longer than the accepted maximum.
    public static let tooLargeCode = "too-large"

    /// `invalid JSON at byte N: <what>`.
    public static func invalidJSON(_ what: String, at offset: Int) -> WireError {
        WireError(code: invalidJSONCode, message: "invalid JSON at byte \(offset): \(what)", offset: offset)
    }

    /// `missing required field "<name>"`.
    public static func missingField(_ name: String, id: String? = nil) -> WireError {
        WireError(code: missingFieldCode, message: "missing required field \"\(name)\"", id: id)
    }

    /// `field "<path>" <problem>`, e.g. `field "author.role" must be one of …`.
    public static func invalidField(_ path: String, _ problem: String, at offset: Int? = nil) -> WireError {
        WireError(code: invalidFieldCode, message: "field \"\(path)\" \(problem)", offset: offset)
    }

    /// `invalid UTF-8 at byte N` (the offset of the first byte of the bad sequence).
    public static func invalidUTF8(at offset: Int) -> WireError {
        WireError(code: invalidUTF8Code, message: "invalid UTF-8 at byte \(offset)", offset: offset)
    }

    /// `request body is N bytes; the limit is M bytes`, see `tooLargeMessage`.
    public static func tooLarge(_ what: String = "request body", size: Int?, limit: Int, raisedBy setting: String? = nil) -> WireError {
        WireError(code: tooLargeCode, message: tooLargeMessage(what, size: size, limit: limit, raisedBy: setting))
    }

    /// The one wording of a too-large input, in the command line and in safepostd alike:
    /// `<what> is <size> bytes; the limit is <limit> bytes (<setting> raises it)`, with
    /// `more than <limit>` for a `size` not read to its end.
    public static func tooLargeMessage(_ what: String, size: Int?, limit: Int, raisedBy setting: String?) -> String {
        let measured = size.map { "\($0)" } ?? "more than \(limit)"
        return "\(what) is \(measured) bytes; the limit is \(limit) bytes" + (setting.map { " (\($0) raises it)" } ?? "")
    }

    /// The same error with a note about where it happened appended, e.g. ` in field "text"`.
    func located(inField path: String) -> WireError {
        var copy = self
        if code == WireError.invalidUTF8Code || code == WireError.invalidJSONCode {
            copy.message += " in field \"\(path)\""
        }
        return copy
    }
}

/// Quotes `value` for an error message, shortened to at most `limit` characters.
func quoted(_ value: String, limit: Int = 60) -> String {
    var body = value.count > limit ? String(value.prefix(limit)) + "…" : value
    body = body.replacing("\"", with: "\\\"")
    return "\"\(body)\""
}
