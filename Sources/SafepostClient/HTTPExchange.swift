/// HTTP/1.1 on one `UnixConnection`: writing a request with `Content-Length`, and reading a response's
/// status line, headers and body (by `Content-Length`, chunked, or up to the close), strictly.
enum HTTPExchange {
    /// The longest status line plus headers accepted.
    static let maxHeadBytes = 64 * 1024

    /// The request head. `Host` is required by HTTP/1.1; the daemon ignores its value.
    static func head(method: String, path: String, contentType: String?, contentLength: Int?, close: Bool) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: safepost\r\nUser-Agent: safepost-client\r\n"
        if let contentType { text += "Content-Type: \(contentType)\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        if close { text += "Connection: close\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Checks what goes into the request line and headers: no spaces or control characters in the
    /// method and path, none in the content type, so nothing can be smuggled into the head.
    static func validate(method: String, path: String, contentType: String?) throws(ClientError) {
        func clean(_ s: String, allowSpace: Bool) -> Bool {
            !s.isEmpty && s.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F || (allowSpace && $0 == 0x20) }
        }
        guard clean(method, allowSpace: false), method.utf8.allSatisfy({ isTokenByte($0) }) else {
            throw .protocolViolation("refusing to send the method \(method.debugDescription): not an HTTP token")
        }
        guard clean(path, allowSpace: false), path.hasPrefix("/") else {
            throw .protocolViolation("refusing to send the path \(path.debugDescription): it must start with / and hold no spaces or control characters")
        }
        if let contentType, !clean(contentType, allowSpace: true) {
            throw .protocolViolation("refusing to send the content type \(contentType.debugDescription)")
        }
    }

    /// Reads one complete response (skipping interim 1xx answers). `reusable` says whether the
    /// connection may carry another request afterwards.
    static func readResponse(
        _ connection: UnixConnection, method: String, deadline: Deadline, maxBody: Int
    ) throws(ClientError) -> (response: HTTPResponse, reusable: Bool) {
        var reader = Reader(connection: connection, deadline: deadline)
        while true {
            let status = try reader.statusLine()
            let headers = try reader.headers()
            if (100...199).contains(status.code) {
                if status.code == 101 { throw .protocolViolation("the daemon switched protocols (101), which this client does not speak") }
                continue
            }
            var response = HTTPResponse(status: status.code, reason: status.reason, headers: headers, body: [])
            let framing = try Framing(response, method: method, http10: status.http10)
            switch framing {
            case .none: break
            case .length(let n):
                guard n <= maxBody else { throw tooLarge(n, maxBody) }
                response.body = try reader.exactly(n, what: "the body (Content-Length \(n))")
            case .chunked:
                response.body = try reader.chunked(maxBody: maxBody)
            case .untilClose:
                response.body = try reader.rest(maxBody: maxBody)
            }
            let wantsClose = tokens(response, "connection").contains("close")
            let keepAlive10 = tokens(response, "connection").contains("keep-alive")
            let delimited = framing != .untilClose
            let reusable = delimited && !wantsClose && (!status.http10 || keepAlive10)
            return (response, reusable)
        }
    }

    private static func tooLarge(_ n: Int, _ limit: Int) -> ClientError {
        .protocolViolation("the response body is \(n) bytes, more than the \(limit) this client accepts")
    }

    /// The comma-separated, lowercased tokens of every header called `name`.
    private static func tokens(_ response: HTTPResponse, _ name: String) -> [String] {
        response.headers.filter { $0.name.lowercased() == name }.flatMap {
            $0.value.split(separator: ",").map { trim(Substring($0)).lowercased() }
        }
    }

    /// How the body is delimited (RFC 9112 §6.3).
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
        case untilClose

        init(_ response: HTTPResponse, method: String, http10: Bool) throws(ClientError) {
            if method == "HEAD" || response.status == 204 || response.status == 304 {
                self = .none
                return
            }
            let codings = HTTPExchange.tokens(response, "transfer-encoding")
            if !codings.isEmpty {
                guard !http10 else { throw .protocolViolation("Transfer-Encoding in an HTTP/1.0 response") }
                guard codings == ["chunked"] else {
                    throw .protocolViolation("unsupported Transfer-Encoding \(codings.joined(separator: ", ")) (only chunked is understood)")
                }
                self = .chunked
                return
            }
            let lengths = HTTPExchange.tokens(response, "content-length")
            if lengths.isEmpty {
                self = .untilClose
                return
            }
            guard let first = lengths.first, lengths.allSatisfy({ $0 == first }),
                  !first.isEmpty, first.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = Int(first)
            else {
                throw .protocolViolation("invalid Content-Length \(lengths.joined(separator: ", "))")
            }
            self = .length(n)
        }
    }

    /// Pulls lines and byte runs off the connection, filling its buffer as needed.
    struct Reader {
        let connection: UnixConnection
        let deadline: Deadline
        var headBytes = 0

        init(connection: UnixConnection, deadline: Deadline) {
            self.connection = connection
            self.deadline = deadline
        }

        /// `HTTP/1.x NNN reason`.
        mutating func statusLine() throws(ClientError) -> (code: Int, reason: String, http10: Bool) {
            headBytes = 0
            guard let line = try self.line(limit: HTTPExchange.maxHeadBytes, what: "the status line") else {
                throw .protocolViolation(connection.received == 0
                    ? "the daemon closed the connection without answering"
                    : "the daemon closed the connection before the next answer")
            }
            let b = Array(line)
            guard b.count >= 12, b.starts(with: Array("HTTP/1.".utf8)), b[7] == 0x30 || b[7] == 0x31,
                  b[8] == 0x20, b[9...11].allSatisfy({ (0x30...0x39).contains($0) }), b.count == 12 || b[12] == 0x20
            else {
                throw .protocolViolation("malformed status line \(printable(line))")
            }
            let code = Int(b[9] - 0x30) * 100 + Int(b[10] - 0x30) * 10 + Int(b[11] - 0x30)
            guard code >= 100 else { throw .protocolViolation("malformed status line \(printable(line))") }
            let reason = b.count > 13 ? String(decoding: b[13...], as: UTF8.self) : ""
            return (code, reason, b[7] == 0x30)
        }

        /// Header lines up to the empty line.
        mutating func headers() throws(ClientError) -> [HTTPHeader] {
            var list: [HTTPHeader] = []
            while true {
                guard let line = try self.line(limit: HTTPExchange.maxHeadBytes - headBytes, what: "the headers") else {
                    throw .protocolViolation("the daemon closed the connection in the middle of the headers")
                }
                if line.isEmpty { return list }
                if line.first == 0x20 || line.first == 0x09 {
                    throw .protocolViolation("folded header line \(printable(line)) (obsolete line folding is not accepted)")
                }
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                      line[line.startIndex..<colon].allSatisfy(isTokenByte)
                else {
                    throw .protocolViolation("malformed header line \(printable(line))")
                }
                let value = line[(colon + 1)...]
                guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 || $0 >= 0x80 }) else {
                    throw .protocolViolation("control character in header line \(printable(line))")
                }
                list.append(HTTPHeader(
                    name: String(decoding: line[line.startIndex..<colon], as: UTF8.self),
                    value: trim(Substring(String(decoding: value, as: UTF8.self)))))
            }
        }

        /// The next line without its line ending (CRLF, or a bare LF), or nil at a clean end of input.
        mutating func line(limit: Int, what: String) throws(ClientError) -> ArraySlice<UInt8>? {
            var scanned = 0  // bytes past readIndex already searched (the buffer may move when filled)
            while true {
                let start = connection.readIndex
                if let lf = connection.buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                    var end = lf
                    if end > start && connection.buffer[end - 1] == 0x0D { end -= 1 }
                    let line = connection.buffer[start..<end]
                    headBytes += lf + 1 - start
                    guard headBytes <= HTTPExchange.maxHeadBytes, lf - start <= limit else { throw overlong(what) }
                    connection.readIndex = lf + 1
                    return line
                }
                scanned = connection.buffer.count - start
                guard scanned <= limit else { throw overlong(what) }
                guard try connection.fill(deadline: deadline) else {
                    if scanned == 0 { return nil }
                    throw .protocolViolation("the daemon closed the connection in the middle of \(what)")
                }
            }
        }

        private func overlong(_ what: String) -> ClientError {
            .protocolViolation("\(what) is too long (more than \(HTTPExchange.maxHeadBytes) bytes of head, or an overlong line)")
        }

        /// Exactly `count` bytes.
        mutating func exactly(_ count: Int, what: String) throws(ClientError) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(min(count, 1 << 20))
            while out.count < count {
                if connection.readIndex == connection.buffer.count {
                    guard try connection.fill(deadline: deadline) else {
                        throw .protocolViolation("the daemon closed the connection after \(out.count) of \(count) bytes of \(what)")
                    }
                }
                let take = min(count - out.count, connection.buffer.count - connection.readIndex)
                out.append(contentsOf: connection.buffer[connection.readIndex..<(connection.readIndex + take)])
                connection.readIndex += take
            }
            return out
        }

        /// A chunked body: `size[;ext] CRLF data CRLF` … `0 CRLF [trailers] CRLF`.
        mutating func chunked(maxBody: Int) throws(ClientError) -> [UInt8] {
            var body: [UInt8] = []
            while true {
                headBytes = 0
                guard let sizeLine = try line(limit: 1024, what: "a chunk size line") else {
                    throw .protocolViolation("the daemon closed the connection before the last chunk")
                }
                let digits = sizeLine.prefix { $0 != UInt8(ascii: ";") && $0 != 0x20 && $0 != 0x09 }
                guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(isHexDigit), let size = Int(String(decoding: digits, as: UTF8.self), radix: 16) else {
                    throw .protocolViolation("malformed chunk size line \(printable(sizeLine))")
                }
                if size == 0 { break }
                guard body.count + size <= maxBody else { throw HTTPExchange.tooLarge(body.count + size, maxBody) }
                body += try exactly(size, what: "a chunk of \(size) bytes")
                headBytes = 0
                guard let end = try line(limit: 2, what: "the end of a chunk") else {
                    throw .protocolViolation("the daemon closed the connection after a chunk")
                }
                guard end.isEmpty else { throw .protocolViolation("a chunk is longer than its declared size") }
            }
            // Trailer fields are read and dropped, up to the empty line.
            headBytes = 0
            while true {
                guard let trailer = try line(limit: HTTPExchange.maxHeadBytes - headBytes, what: "the trailer") else {
                    throw .protocolViolation("the daemon closed the connection before the end of the chunked body")
                }
                if trailer.isEmpty { return body }
            }
        }

        /// Everything up to the close (a body with neither length nor chunking).
        mutating func rest(maxBody: Int) throws(ClientError) -> [UInt8] {
            while try connection.fill(deadline: deadline) {
                guard connection.buffer.count - connection.readIndex <= maxBody else {
                    throw HTTPExchange.tooLarge(connection.buffer.count - connection.readIndex, maxBody)
                }
            }
            let body = Array(connection.buffer[connection.readIndex...])
            connection.readIndex = connection.buffer.count
            return body
        }
    }
}

/// RFC 9110 `tchar`.
func isTokenByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
         UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
         UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        true
    default:
        false
    }
}

func isHexDigit(_ b: UInt8) -> Bool {
    (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
}

/// Spaces and tabs removed from both ends.
func trim(_ s: Substring) -> String {
    var u = s.utf8[...]
    while let f = u.first, f == 0x20 || f == 0x09 { u = u.dropFirst() }
    while let l = u.last, l == 0x20 || l == 0x09 { u = u.dropLast() }
    return String(decoding: u, as: UTF8.self)
}

/// Up to 80 bytes of a protocol line, quoted, with control characters shown as escapes.
func printable(_ bytes: ArraySlice<UInt8>) -> String {
    let text = String(decoding: bytes.prefix(80), as: UTF8.self)
    return text.debugDescription + (bytes.count > 80 ? "…" : "")
}
