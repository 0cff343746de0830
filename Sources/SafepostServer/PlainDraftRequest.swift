import SafepostModel
import SafepostWire

/// The query string of a `text/plain` `/v1/check` (`?id=a1&role=parent&author=Sam%20Jones`):
/// `id` (default `draft`), `author` and `role`, each at most once; other keys are ignored.
///
/// Read from the request head, so that a query that cannot be used is refused before the body is
/// asked for (`Expect: 100-continue`) or read.
struct PlainDraftQuery {
    var id = "draft"
    var author: Author?
    /// The parameters of ``names`` the query gave, in its order: a body that turns out to be a
    /// JSON request, which would not read them, is refused for them.
    var parameters: [String] = []

    /// The parameters a plain-text draft reads; other keys are ignored.
    static let names = ["id", "author", "role"]

    /// Reads `query`; a key given twice, an unknown role, a value that is not UTF-8 or holds a NUL
    /// is an error naming the parameter.
    static func parse(_ query: Substring) throws(WireError) -> PlainDraftQuery {
        var id = "draft"
        var name: String?
        var role: Role?
        var parameters: [String] = []
        for (key, value) in try QueryString.pairs(query) {
            // As a JSON field given twice is: a tool that read the other copy would disagree.
            if names.contains(key) {
                if parameters.contains(key) {
                    throw WireError(code: WireError.invalidFieldCode, message: "query parameter \"\(key)\" is given twice; name each once", id: id)
                }
                parameters.append(key)
            }
            switch key {
            case "id": id = value
            case "author": name = value.isEmpty ? nil : value
            case "role":
                guard let parsed = Role(rawValue: value) else {
                    let allowed = Role.allCases.map(\.rawValue).joined(separator: ", ")
                    throw WireError(
                        code: WireError.invalidFieldCode, message: "query parameter \"role\" must be one of \(allowed), not \"\(value.prefix(60))\"", id: id)
                }
                role = parsed
            default: continue
            }
        }
        if id.contains("\0") || (name?.contains("\0") ?? false) {
            throw WireError(code: WireError.invalidFieldCode, message: "a query parameter contains a NUL character")
        }
        return PlainDraftQuery(id: id, author: name == nil && role == nil ? nil : Author(name: name, role: role), parameters: parameters)
    }
}

/// A `text/plain` body for `/v1/check`: the whole body is the draft, with the id and author of its
/// ``PlainDraftQuery``.
///
/// The body must be well-formed UTF-8 without NUL bytes, as for `safepost check` on plain text;
/// errors carry the byte offset, like the JSON decoder's.
enum PlainDraftRequest {
    static func decode(_ body: UnsafeRawBufferPointer, query: PlainDraftQuery) throws(WireError) -> ScreeningRequest {
        let text: String
        do { text = try PlainDraft.text(body.bindMemory(to: UInt8.self)) } catch {
            var located = error
            located.id = query.id
            throw located
        }
        return ScreeningRequest(id: query.id, text: text, author: query.author)
    }
}

/// `application/x-www-form-urlencoded` query strings: `&`-separated `key=value`, `+` for space,
/// `%XX` escapes. Malformed escapes are kept literally; a key or value that is not UTF-8 once
/// decoded is an `invalid-utf8` error, as invalid UTF-8 in a body is.
enum QueryString {
    static func pairs(_ query: Substring) throws(WireError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0])
            do {
                pairs.append((key, parts.count > 1 ? try decode(parts[1]) : ""))
            } catch {
                throw WireError(code: WireError.invalidUTF8Code, message: "query parameter \"\(key.prefix(40))\" is not UTF-8 once its %-escapes are decoded")
            }
        }
        return pairs
    }

    static func decode(_ text: Substring) throws(WireError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(0x20)
            } else if b == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        guard let decoded = String(validating: out, as: UTF8.self) else {
            throw WireError(code: WireError.invalidUTF8Code, message: "a query parameter is not UTF-8 once its %-escapes are decoded")
        }
        return decoded
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
