import SafepostModel

/// Reads what safepostd (or `safepost check --json`) answers back into model values, strictly and
/// without Foundation: the inverse of `ResponseEncoder`.
///
/// A screening response is `{"id","verdict","findings":[{"category","rule","clause","severity",
/// "field"?,"start","end","match"}],"redacted"}`; an error response is
/// `{"id"?,"error":{"code","message"},"diagnostics"?:[…]}`. Every field of the contract is required
/// (except a finding's `field`, which means `text` when absent, and an error's `id`), must have its
/// type, and enumerations must hold one of their known values; `start`/`end` must be integers with
/// `0 ≤ start ≤ end`. Keys outside the contract are checked for well-formedness and ignored, so a
/// newer daemon may add fields; when a key repeats, the last value wins. Problems are `WireError`s
/// with the usual codes (`invalid-json`, `missing-field`, `invalid-field`, `invalid-utf8`) and a
/// message naming the field, e.g. `field "findings[1].severity" must be one of review, block, not "high"`.
/// Safe to call from any thread.
public enum ResponseDecoder {
    /// One decoded response body.
    public enum Body: Sendable, Equatable {
        /// A screening result (HTTP 200 from `/v1/check`, or one line of a batch).
        case result(ScreeningResult)
        /// An error body: the error (its `offset` is always nil, as the wire form has none) and the
        /// `diagnostics` list that a refused reload adds (empty otherwise).
        case error(WireError, diagnostics: [String])
    }

    /// Objects and arrays may nest this deep.
    public static let maxDepth = 64

    /// Decodes a response body that may be a result or an error.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(WireError) -> Body {
        var fields = ResponseFields(reader: JSONReader(bytes, maxDepth: maxDepth))
        try fields.read()
        return try fields.body()
    }

    /// Decodes a response body held in an array.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> Body {
        try withBuffer(bytes) { (b) throws(WireError) in try decode(b) }
    }

    /// Decodes a response body from JSON text.
    public static func decode(_ json: String) throws(WireError) -> Body {
        try decode(Array(json.utf8))
    }

    /// Decodes a body that must be a screening result; an error body is itself an `invalid-field`
    /// problem here, whose message quotes the error it carried.
    public static func decodeResult(_ bytes: [UInt8]) throws(WireError) -> ScreeningResult {
        switch try decode(bytes) {
        case .result(let result): return result
        case .error(let error, _):
            throw WireError(code: WireError.invalidFieldCode,
                            message: "expected a screening result, found an error response (\(error.code): \(error.message))",
                            id: error.id)
        }
    }

    /// Decodes a body that must be an error response.
    public static func decodeError(_ bytes: [UInt8]) throws(WireError) -> WireError {
        switch try decode(bytes) {
        case .error(let error, _): return error
        case .result(let result):
            throw WireError(code: WireError.invalidFieldCode,
                            message: "expected an error response, found a screening result", id: result.id)
        }
    }

    /// Strictly parses any single JSON document (an object, array, string, number, boolean or null,
    /// with nothing after it but whitespace) into a `JSONValue`, for tools that read other JSON lines
    /// of the daemon's, such as the record of concern.
    public static func decodeValue(_ bytes: UnsafeBufferPointer<UInt8>) throws(WireError) -> JSONValue {
        var reader = JSONReader(bytes, maxDepth: maxDepth)
        let value = try reader.readValue()
        try reader.finish()
        return value
    }

    /// `decodeValue` over an array.
    public static func decodeValue(_ bytes: [UInt8]) throws(WireError) -> JSONValue {
        try withBuffer(bytes) { (b) throws(WireError) in try decodeValue(b) }
    }

    private static func withBuffer<T>(
        _ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(WireError) -> T
    ) throws(WireError) -> T {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(WireError) in try body(buffer) }
        }
        return try result.get()
    }
}

/// The fields of one response as they are read; what is missing is judged after the whole body.
private struct ResponseFields {
    var reader: JSONReader
    var id: String?
    var verdict: Verdict?
    var findings: [Finding]?
    var redacted: String?
    var omittedFindings = 0
    var error: (code: String?, message: String?)?
    var diagnostics: [String]?

    init(reader: JSONReader) {
        self.reader = reader
    }

    mutating func read() throws(WireError) {
        let offset = reader.valueOffset()
        let kind = try reader.peekKind()
        guard kind == .object else {
            throw WireError(code: WireError.invalidJSONCode,
                            message: "invalid JSON at byte \(offset): a response must be a JSON object, not \(article(kind))",
                            offset: offset)
        }
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(&first) {
            switch key {
            case "id": id = try string("id")
            case "verdict": verdict = try enumeration("verdict", Verdict.self, ["allow", "review", "block"])
            case "findings": findings = try readFindings()
            case "redacted": redacted = try string("redacted")
            case "omitted_findings": omittedFindings = try self.offset("omitted_findings", unit: "")
            case "error": error = try readError()
            case "diagnostics": diagnostics = try readStrings("diagnostics")
            default: try reader.skipValue()
            }
        }
        try reader.finish()
    }

    func body() throws(WireError) -> ResponseDecoder.Body {
        if let error {
            if verdict != nil || findings != nil || redacted != nil {
                throw WireError.invalidField("error", "cannot appear together with \"verdict\", \"findings\" or \"redacted\"")
            }
            guard let code = error.code else { throw WireError.missingField("error.code", id: id) }
            guard let message = error.message else { throw WireError.missingField("error.message", id: id) }
            return .error(WireError(code: code, message: message, id: id), diagnostics: diagnostics ?? [])
        }
        guard let id else { throw WireError.missingField("id") }
        guard let verdict else { throw WireError.missingField("verdict", id: id) }
        guard let findings else { throw WireError.missingField("findings", id: id) }
        guard let redacted else { throw WireError.missingField("redacted", id: id) }
        return .result(ScreeningResult(id: id, verdict: verdict, findings: findings, redacted: redacted, omittedFindings: omittedFindings))
    }

    /// A required string (null is not a string here).
    mutating func string(_ path: @autoclosure () -> String) throws(WireError) -> String {
        let offset = reader.valueOffset()
        let kind = try reader.peekKind()
        guard kind == .string else {
            throw WireError.invalidField(path(), "must be a string, not \(article(kind))", at: offset)
        }
        do { return try reader.readString() } catch { throw error.located(inField: path()) }
    }

    /// A string that must be one of the raw values of `T`.
    mutating func enumeration<T: RawRepresentable>(
        _ path: @autoclosure () -> String, _ type: T.Type, _ allowed: [String]
    ) throws(WireError) -> T where T.RawValue == String {
        let offset = reader.valueOffset()
        let value = try string(path())
        guard let parsed = T(rawValue: value) else {
            throw WireError.invalidField(path(), "must be one of \(allowed.joined(separator: ", ")), not \(quoted(value))", at: offset)
        }
        return parsed
    }

    /// A non-negative integer that fits in an `Int`, written without fraction or exponent.
    mutating func offset(_ path: @autoclosure () -> String, unit: String = " of bytes") throws(WireError) -> Int {
        let at = reader.valueOffset()
        let kind = try reader.peekKind()
        guard kind == .number else {
            throw WireError.invalidField(path(), "must be a number, not \(article(kind))", at: at)
        }
        let text = try reader.readNumber()
        guard let value = Int(text), value >= 0 else {
            throw WireError.invalidField(path(), "must be a non-negative whole number\(unit), not \(text)", at: at)
        }
        return value
    }

    mutating func readFindings() throws(WireError) -> [Finding] {
        try expect(.array, "findings")
        try reader.beginArray()
        var list: [Finding] = []
        var first = true
        while try reader.nextElement(&first) {
            list.append(try readFinding(list.count))
        }
        return list
    }

    mutating func readFinding(_ index: Int) throws(WireError) -> Finding {
        let path = "findings[\(index)]"
        try expect(.object, path)
        try reader.beginObject()
        var category: Category?
        var rule: String?
        var clause: String?
        var severity: Severity?
        var field: Field?
        var start: Int?
        var end: Int?
        var match: String?
        var first = true
        while let key = try reader.nextKey(&first) {
            switch key {
            case "category": category = try enumeration(path + ".category", Category.self, Category.allCases.map(\.rawValue))
            case "rule": rule = try string(path + ".rule")
            case "clause": clause = try string(path + ".clause")
            case "severity": severity = try enumeration(path + ".severity", Severity.self, Severity.allCases.map(\.rawValue))
            case "field": field = try enumeration(path + ".field", Field.self, ["text", "subject", "attachments", "sent_at"])
            case "start": start = try offset(path + ".start")
            case "end": end = try offset(path + ".end")
            case "match": match = try string(path + ".match")
            default: try reader.skipValue()
            }
        }
        guard let category else { throw WireError.missingField(path + ".category", id: id) }
        guard let rule else { throw WireError.missingField(path + ".rule", id: id) }
        guard let clause else { throw WireError.missingField(path + ".clause", id: id) }
        guard let severity else { throw WireError.missingField(path + ".severity", id: id) }
        guard let start else { throw WireError.missingField(path + ".start", id: id) }
        guard let end else { throw WireError.missingField(path + ".end", id: id) }
        guard let match else { throw WireError.missingField(path + ".match", id: id) }
        guard start <= end else {
            throw WireError.invalidField(path, "has start \(start) after end \(end)")
        }
        return Finding(category: category, rule: rule, clause: clause, severity: severity,
                       field: field ?? .text, start: start, end: end, match: match)
    }

    mutating func readError() throws(WireError) -> (code: String?, message: String?) {
        try expect(.object, "error")
        try reader.beginObject()
        var code: String?
        var message: String?
        var first = true
        while let key = try reader.nextKey(&first) {
            switch key {
            case "code": code = try string("error.code")
            case "message": message = try string("error.message")
            default: try reader.skipValue()
            }
        }
        return (code, message)
    }

    mutating func readStrings(_ path: String) throws(WireError) -> [String] {
        try expect(.array, path)
        try reader.beginArray()
        var list: [String] = []
        var first = true
        while try reader.nextElement(&first) {
            list.append(try string("\(path)[\(list.count)]"))
        }
        return list
    }

    /// Checks that the next value is of `kind`, or throws an `invalid-field` error naming `path`.
    mutating func expect(_ kind: JSONReader.Kind, _ path: @autoclosure () -> String) throws(WireError) {
        let offset = reader.valueOffset()
        let found = try reader.peekKind()
        guard found == kind else {
            throw WireError.invalidField(path(), "must be \(article(kind)), not \(article(found))", at: offset)
        }
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
