/// A parsed JSON value, handed back for fields outside the request contract that a caller asked to
/// capture (for example a corpus line's labels). Numbers keep their source text; for objects, when a
/// key repeats, the last value wins.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON type name, for error messages: "null", "boolean", "number", "string", "array", "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONReader {
    /// Reads one value of any kind into a `JSONValue`.
    mutating func readValue() throws(WireError) -> JSONValue {
        switch try peekKind() {
        case .null:
            try readNull()
            return .null
        case .boolean: return .bool(try readBool())
        case .number: return .number(try readNumber())
        case .string: return .string(try readString())
        case .array:
            try beginArray()
            var items: [JSONValue] = []
            var first = true
            while try nextElement(&first) { items.append(try readValue()) }
            return .array(items)
        case .object:
            try beginObject()
            var members: [String: JSONValue] = [:]
            var first = true
            while let key = try nextKey(&first) { members[key.string] = try readValue() }
            return .object(members)
        }
    }
}
