import NIOHTTP1

/// The daemon's endpoints (docs/daemon.md), as metric labels.
enum Endpoint: String, CaseIterable, Sendable {
    case check = "/v1/check"
    /// A whole RFC 5322 message, read here (SafepostMIME) and screened: the mail filter's endpoint.
    case mail = "/v1/mail"
    case batch = "/v1/check/batch"
    case health = "/v1/health"
    case metrics = "/metrics"
    case reload = "/v1/reload"
    /// Anything else: answered 404 or 405.
    case unknown = "other"

    var index: Int { Endpoint.allCases.firstIndex(of: self)! }

    /// The one method each endpoint accepts.
    var method: HTTPMethod {
        switch self {
        case .check, .mail, .batch, .reload: .POST
        case .health, .metrics, .unknown: .GET
        }
    }
}

/// Where a request head goes: an endpoint, or the error that answers it before its body is read.
enum Route {
    case endpoint(Endpoint, query: Substring)
    case notFound(path: String)
    case methodNotAllowed(Endpoint)

    /// Routes on the path (without its query) and the method.
    static func of(_ head: HTTPRequestHead) -> Route {
        let uri = Substring(head.uri)
        let question = uri.firstIndex(of: "?")
        let path = question.map { uri[..<$0] } ?? uri
        let query = question.map { uri[uri.index(after: $0)...] } ?? ""
        guard let endpoint = Endpoint(rawValue: String(path)), endpoint != .unknown else {
            return .notFound(path: String(path.prefix(200)))
        }
        guard head.method == endpoint.method else { return .methodNotAllowed(endpoint) }
        return .endpoint(endpoint, query: query)
    }
}

/// The kind of body a request says it carries.
enum BodyType {
    case json
    case plainText
    /// `application/x-www-form-urlencoded`: what `curl -d`/`--data-binary` sends unless told
    /// otherwise, so it never states a real intent. The body is taken as is (never form-decoded):
    /// JSON when its first non-blank byte is `{`, otherwise the draft itself.
    case curlDefault

    /// Reads `Content-Type`: absent or JSON (JSON lines types included, for batches) means JSON,
    /// `text/plain` means the body is the draft. Nil: unsupported (415).
    init?(_ headers: HTTPHeaders) {
        guard var value = headers.first(name: "content-type") else { self = .json; return }
        guard let type = value.withUTF8({ BodyType.of(mediaType: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = type
    }

    /// Reads a `Content-Type` value; nil when unsupported. Byte-wise rather than with Foundation:
    /// this runs on every request. The media type is what precedes `;`, without surrounding
    /// spaces or tabs, compared without case. A `charset` other than UTF-8 (or its subset
    /// US-ASCII) is unsupported too: the body would be read as UTF-8 all the same.
    static func of(mediaType value: UnsafeRawBufferPointer) -> BodyType? {
        var start = 0
        var end = value.firstIndex(of: UInt8(ascii: ";")) ?? value.count
        if end < value.count && !namesUTF8(parameters: UnsafeRawBufferPointer(rebasing: value[(end + 1)...])) { return nil }
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        func isType(_ name: StaticString) -> Bool {
            guard end - start == name.utf8CodeUnitCount else { return false }
            for i in 0..<(end - start) {
                let byte = value[start + i]
                let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if lowered != name.utf8Start[i] { return false }
            }
            return true
        }
        if start == end || isType("application/json") || isType("application/x-ndjson") || isType("application/jsonl")
            || isType("application/x-jsonlines") || isType("application/json-lines") {
            return .json
        }
        if isType("text/plain") { return .plainText }
        if isType("application/x-www-form-urlencoded") { return .curlDefault }
        return nil
    }

    /// Whether the `;`-separated parameters of a media type leave the charset UTF-8: none is
    /// given, or it is `utf-8`, `utf8` or `us-ascii` (without case, quoted or not).
    static func namesUTF8(parameters: UnsafeRawBufferPointer) -> Bool {
        func trimmed(_ part: Substring) -> Substring {
            var part = part
            while let c = part.first, c == " " || c == "\t" { part.removeFirst() }
            while let c = part.last, c == " " || c == "\t" { part.removeLast() }
            return part
        }
        let text = String(decoding: parameters, as: UTF8.self).lowercased()
        for parameter in text.split(separator: ";") {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, trimmed(parts[0]) == "charset" else { continue }
            var charset = trimmed(parts[1])
            if charset.count >= 2 && charset.hasPrefix("\"") && charset.hasSuffix("\"") { charset = charset.dropFirst().dropLast() }
            if !["utf-8", "utf8", "us-ascii"].contains(String(charset)) { return false }
        }
        return true
    }

    /// Whether `body` is to be read as the draft itself rather than a JSON request.
    func isPlainText(_ body: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .json: return false
        case .plainText: return true
        case .curlDefault:
            let first = body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return first != UInt8(ascii: "{")
        }
    }
}
