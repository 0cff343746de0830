import SafepostClient
import SafepostModel
import SafepostWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What safepostd decided about a message (`POST /v1/mail`, see ``MailFilterDaemon``): the verdict,
/// each (category, rule, severity) found once with its policy clause, and how many MIME oddities
/// the daemon met reading the message. Never any of the message's text.
struct MailFilterAnswer: Equatable {
    struct Finding: Equatable {
        var category: Category
        var rule: String
        var severity: Severity
        var clause: String
    }

    var verdict: Verdict
    var findings: [Finding]
    var mimeWarnings: Int

    /// Reads the daemon's JSON answer (`{"id","verdict","findings":[{"category","rule","severity","clause"}],"mime_warnings"}`).
    /// Unknown keys are skipped, so a newer daemon may add some.
    ///
    /// A small strict reader of its own (``AnswerReader``) rather than `SafepostWire`'s generic
    /// `JSONValue`: its `[String: JSONValue]` costs a process that starts once per message a scan
    /// of every protocol conformance in the executable (to find `String: Hashable` at run time).
    static func decode(_ body: [UInt8]) throws(ClientError) -> MailFilterAnswer {
        func bad(_ what: String) -> ClientError { .protocolViolation("the answer to /v1/mail has \(what)") }
        var reader = AnswerReader(body)
        var verdict: Verdict?
        var findings: [Finding]?
        var warnings = 0
        guard reader.open(UInt8(ascii: "{")) else { throw bad("no JSON object") }
        var first = true
        while let key = reader.nextKey(&first) {
            switch key {
            case "verdict":
                guard let text = reader.string(), let value = Verdict(rawValue: text) else { throw bad("no valid \"verdict\"") }
                verdict = value
            case "findings":
                guard reader.open(UInt8(ascii: "[")) else { throw bad("no \"findings\" list") }
                var list: [Finding] = []
                var firstItem = true
                while reader.nextElement(&firstItem) {
                    guard reader.open(UInt8(ascii: "{")) else { throw bad("a malformed finding") }
                    var category: Category?, rule: String?, severity: Severity?, clause: String?
                    var firstField = true
                    while let field = reader.nextKey(&firstField) {
                        switch field {
                        case "category": category = reader.string().flatMap(Category.init(rawValue:))
                        case "rule": rule = reader.string()
                        case "severity": severity = reader.string().flatMap(Severity.init(rawValue:))
                        case "clause": clause = reader.string()
                        default: guard reader.skipValue() else { throw bad("a malformed finding") }
                        }
                    }
                    guard !reader.failed, let category, let rule, let severity, let clause else { throw bad("a malformed finding") }
                    list.append(Finding(category: category, rule: rule, severity: severity, clause: clause))
                }
                findings = list
            case "mime_warnings":
                guard let number = reader.integer() else { throw bad("a malformed \"mime_warnings\"") }
                warnings = number
            default:
                guard reader.skipValue() else { throw bad("malformed JSON") }
            }
        }
        guard !reader.failed, reader.atEnd() else { throw bad("malformed JSON") }
        guard let verdict else { throw bad("no valid \"verdict\"") }
        guard let findings else { throw bad("no \"findings\" list") }
        guard verdict == .allow || !findings.isEmpty else { throw bad("a \(verdict.rawValue) verdict without findings") }
        return MailFilterAnswer(verdict: verdict, findings: findings, mimeWarnings: warnings)
    }
}

/// A strict pull reader for the small JSON answer of `/v1/mail`: objects, arrays, strings (every
/// escape, `\u` surrogate pairs included), integers, and for skipped values also fractions,
/// exponents, `true`, `false` and `null`. Any mistake sets `failed` and stops the reading.
struct AnswerReader {
    private let bytes: [UInt8]
    private var at = 0
    private(set) var failed = false
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private mutating func space() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }

    private mutating func eat(_ byte: UInt8) -> Bool {
        space()
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    /// Consumes `{` or `[`.
    mutating func open(_ bracket: UInt8) -> Bool {
        guard !failed, depth < 32, eat(bracket) else { failed = true; return false }
        depth += 1
        return true
    }

    /// The next key of the current object (its `:` consumed), or nil after its `}` (or on a mistake).
    mutating func nextKey(_ first: inout Bool) -> String? {
        guard !failed else { return nil }
        if eat(UInt8(ascii: "}")) {
            depth -= 1
            return nil
        }
        if !first && !eat(UInt8(ascii: ",")) { failed = true; return nil }
        first = false
        guard let key = string(), eat(UInt8(ascii: ":")) else { failed = true; return nil }
        return key
    }

    /// True if the current array has another element; false after its `]` (or on a mistake).
    mutating func nextElement(_ first: inout Bool) -> Bool {
        guard !failed else { return false }
        if eat(UInt8(ascii: "]")) { depth -= 1; return false }
        if !first && !eat(UInt8(ascii: ",")) { failed = true; return false }
        first = false
        return true
    }

    /// A string value, or nil (and `failed`) if the next value is not a well-formed string.
    mutating func string() -> String? {
        guard !failed, eat(UInt8(ascii: "\"")) else { failed = true; return nil }
        var out: [UInt8] = []
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                // ASCII (keys, verdicts, rule ids) needs no validation, and skips the generic one.
                if out.allSatisfy({ $0 < 0x80 }) { return String(decoding: out, as: UTF8.self) }
                guard let text = String(validating: out, as: UTF8.self) else { failed = true; return nil }
                return text
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { failed = true; return nil }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { failed = true; return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                            failed = true; return nil
                        }
                        at += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { failed = true; return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let value = Unicode.Scalar(scalar) else { failed = true; return nil }
                    out.append(contentsOf: UTF8.encode(value)!)
                default:
                    failed = true
                    return nil
                }
            case 0..<0x20:
                failed = true
                return nil
            default:
                out.append(byte)
            }
        }
        failed = true
        return nil
    }

    /// Skips a string value (the answer's `id`, say) without making a `String` of it: one that is
    /// made and freed costs a process that starts once per message about 38,000 instructions of
    /// run-time metadata lookup the first time. As strict as `string()`: control characters,
    /// unknown escapes, bad `\u` sequences and malformed UTF-8 fail.
    private mutating func skipString() -> Bool {
        guard !failed, eat(UInt8(ascii: "\"")) else { failed = true; return false }
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let end = at
                at += 1
                let raw = bytes[start..<end]
                // Escapes are checked by reading the string; plain UTF-8 is checked here.
                if raw.contains(UInt8(ascii: "\\")) {
                    at = start - 1
                    return string() != nil
                }
                if raw.allSatisfy({ $0 < 0x80 }) { return true }
                guard String(validating: raw, as: UTF8.self) != nil else { failed = true; return false }
                return true
            }
            if byte < 0x20 { failed = true; return false }
            at += 1
        }
        failed = true
        return false
    }

    private mutating func hex4() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            at += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A non-negative integer value of at most nine digits.
    mutating func integer() -> Int? {
        space()
        var value = 0
        var digits = 0
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, digits < 9 {
            value = value * 10 + Int(bytes[at] - 0x30)
            at += 1
            digits += 1
        }
        guard digits > 0, at == bytes.count || !(bytes[at] >= 0x30 && bytes[at] <= 0x39 || bytes[at] == UInt8(ascii: ".")
            || bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E")) else { failed = true; return nil }
        return value
    }

    /// Skips one value of any kind; false (and `failed`) if it is malformed.
    mutating func skipValue() -> Bool {
        space()
        guard !failed, at < bytes.count else { failed = true; return false }
        switch bytes[at] {
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "{"):
            guard open(UInt8(ascii: "{")) else { return false }
            var first = true
            while nextKey(&first) != nil { guard skipValue() else { return false } }
            return !failed
        case UInt8(ascii: "["):
            guard open(UInt8(ascii: "[")) else { return false }
            var first = true
            while nextElement(&first) { guard skipValue() else { return false } }
            return !failed
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default:
            // A number: -?digits(.digits)?([eE][+-]?digits)?
            let start = at
            if bytes[at] == UInt8(ascii: "-") { at += 1 }
            func digits() -> Int {
                let from = at
                while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
                return at - from
            }
            var ok = digits() > 0
            if ok, at < bytes.count, bytes[at] == UInt8(ascii: ".") { at += 1; ok = digits() > 0 }
            if ok, at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                ok = digits() > 0
            }
            if !ok || at == start { failed = true }
            return !failed
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { failed = true; return false }
        for i in 0..<count where bytes[at + i] != word.utf8Start[i] { failed = true; return false }
        at += count
        return true
    }

    /// Nothing but whitespace is left.
    mutating func atEnd() -> Bool {
        space()
        return at == bytes.count
    }
}

/// Asks safepostd about one message: `POST /v1/mail` on its Unix socket, the message streamed from
/// its file with sendfile(2), `Connection: close`, one deadline for the whole exchange. Failures are
/// `ClientError`s (the same wording as `SafepostClient`'s), which the filter turns into 75.
///
/// This is a small HTTP/1.1 client of its own rather than `SafepostClient`, which takes the body as
/// an array: the point here is that the message never enters this process's memory.
enum MailFilterDaemon {
    /// The largest answer read (a verdict with its findings is a few hundred bytes).
    static let maxAnswer = 1 << 20

    static func ask(socket path: String, message: MailFilterMessage, deadline: Deadline) throws(ClientError) -> MailFilterAnswer {
        let fd = try UnixSocket.connect(path: path, deadline: deadline)
        defer { close(fd) }
        let head = requestHead(contentLength: message.size)
        var early = false
        // A flag beside a plain value rather than a `ClientError?`: that optional type would cost
        // a run-time metadata lookup in a process that starts once per message.
        var failed = false
        var failure = ClientError.timeout
        let wait: () -> Bool = {
            do throws(ClientError) {
                let events = try UnixSocket.wait(fd, for: Int16(POLLOUT) | Int16(POLLIN), deadline: deadline)
                // The daemon answers (or closes) before taking the whole body: a 413, say. Read that.
                if events & Int16(POLLOUT) == 0 { early = true; return false }
                return true
            } catch { failure = error; failed = true; return false }
        }
        let sentHead = head.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else if n < 0 && errno == EAGAIN && wait() { continue } else { return false }
            }
            return true
        }
        if failed { throw failure }
        if sentHead && !early && !message.send(to: fd, wait: wait) {
            if failed { throw failure }
            let code = errno
            if !early && code != EPIPE && code != ECONNRESET {
                throw .protocolViolation("sending the message to the daemon failed: \(String(cString: strerror(code)))")
            }
        }
        if failed { throw failure }
        let (status, body) = try readResponse(fd, deadline: deadline)
        guard status == 200 else {
            if case .error(let error, _)? = try? ResponseDecoder.decode(body) {
                throw .server(status: status, error)
            }
            throw .protocolViolation("HTTP \(status) without a JSON error body")
        }
        return try MailFilterAnswer.decode(body)
    }

    /// The request head, as bytes: a `String` built and freed here would be the process's first
    /// native string to be freed, whose deinitialisation costs about 36,000 instructions of
    /// run-time metadata lookup once.
    static func requestHead(contentLength: Int) -> [UInt8] {
        let start: StaticString = "POST /v1/mail HTTP/1.1\r\nHost: safepost\r\nContent-Type: message/rfc822\r\nContent-Length: "
        let end: StaticString = "\r\nConnection: close\r\n\r\n"
        var head: [UInt8] = []
        head.reserveCapacity(start.utf8CodeUnitCount + 20 + end.utf8CodeUnitCount)
        head.append(contentsOf: UnsafeBufferPointer(start: start.utf8Start, count: start.utf8CodeUnitCount))
        var digits = 1
        var power = 1
        while contentLength / power >= 10 { power *= 10; digits += 1 }
        for _ in 0..<digits {
            head.append(UInt8(ascii: "0") + UInt8(contentLength / power % 10))
            power /= 10
        }
        head.append(contentsOf: UnsafeBufferPointer(start: end.utf8Start, count: end.utf8CodeUnitCount))
        return head
    }

    /// Reads the whole response (the daemon closes after it: `Connection: close`) and splits it
    /// into the status code and the body (by `Content-Length`).
    private static func readResponse(_ fd: Int32, deadline: Deadline) throws(ClientError) -> (Int, [UInt8]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2048)
        var headEnd = -1
        var contentLength = -1
        while true {
            let room = 2048
            let before = bytes.count
            var code: Int32 = 0
            bytes.append(contentsOf: repeatElement(0, count: room))
            let n = bytes.withUnsafeMutableBytes { raw -> Int in
                let n = recv(fd, raw.baseAddress! + before, room, 0)
                code = n < 0 ? errno : 0
                return n
            }
            bytes.removeLast(room - max(0, n))
            if n > 0 {
                guard bytes.count <= maxAnswer else { throw .protocolViolation("the answer is over \(maxAnswer) bytes") }
                if headEnd < 0, let end = findHeadEnd(bytes) {
                    headEnd = end
                    contentLength = try parseHead(bytes[0..<end]).contentLength
                }
                if headEnd >= 0, contentLength >= 0, bytes.count - headEnd >= contentLength { break }
                continue
            }
            if n == 0 || code == ECONNRESET { break }
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                _ = try UnixSocket.wait(fd, for: Int16(POLLIN), deadline: deadline)
                continue
            }
            throw .protocolViolation("reading from the daemon failed: \(String(cString: strerror(code)))")
        }
        guard headEnd >= 0 else {
            throw .protocolViolation(bytes.isEmpty ? "the daemon closed the connection without answering" : "the answer ended inside its headers")
        }
        let head = try parseHead(bytes[0..<headEnd])
        let available = bytes.count - headEnd
        if head.contentLength >= 0 && available < head.contentLength {
            throw .protocolViolation("the answer ended after \(available) of \(head.contentLength) body bytes")
        }
        let length = head.contentLength >= 0 ? head.contentLength : available
        return (head.status, Array(bytes[headEnd..<(headEnd + length)]))
    }

    /// The offset just past the blank line that ends the head, if it has arrived.
    private static func findHeadEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
            return i + 4
        }
        return nil
    }

    /// The status code and `Content-Length` (-1 when absent) of a response head.
    ///
    /// Walks the lines by index rather than splitting them into an array of slices: a new generic
    /// array type costs this process, which starts once per message, a run-time lookup of its
    /// metadata (about 20,000 instructions).
    private static func parseHead(_ head: ArraySlice<UInt8>) throws(ClientError) -> (status: Int, contentLength: Int) {
        var lineStart = head.startIndex
        /// The next line without its line ending, or nil after the last.
        func nextLine() -> Range<Int>? {
            guard lineStart < head.endIndex else { return nil }
            var end = lineStart
            while end < head.endIndex && head[end] != 0x0A { end += 1 }
            var line = lineStart..<end
            lineStart = end + 1
            if !line.isEmpty && head[line.upperBound - 1] == 0x0D { line = line.lowerBound..<(line.upperBound - 1) }
            return line
        }
        let prefix: StaticString = "HTTP/1."
        guard let statusLine = nextLine(), statusLine.count >= 12,
              (0..<prefix.utf8CodeUnitCount).allSatisfy({ head[statusLine.lowerBound + $0] == prefix.utf8Start[$0] }) else {
            throw .protocolViolation("a malformed status line")
        }
        var status = 0
        for i in (statusLine.lowerBound + 9)..<(statusLine.lowerBound + 12) {
            guard head[i] >= 0x30 && head[i] <= 0x39 else { throw .protocolViolation("a malformed status line") }
            status = status * 10 + Int(head[i] - 0x30)
        }
        let name: StaticString = "content-length"
        var contentLength = -1
        while let line = nextLine() {
            guard let colon = line.first(where: { head[$0] == UInt8(ascii: ":") }),
                  colon - line.lowerBound == name.utf8CodeUnitCount,
                  (0..<name.utf8CodeUnitCount).allSatisfy({ head[line.lowerBound + $0] | 0x20 == name.utf8Start[$0] }) else {
                continue
            }
            var value = 0
            var digits = 0
            for i in (colon + 1)..<line.upperBound where head[i] != 0x20 && head[i] != 0x09 {
                guard head[i] >= 0x30 && head[i] <= 0x39, digits < 9 else { throw .protocolViolation("a malformed Content-Length") }
                value = value * 10 + Int(head[i] - 0x30)
                digits += 1
            }
            guard digits > 0 else { throw .protocolViolation("a malformed Content-Length") }
            contentLength = value
        }
        return (status, contentLength)
    }
}
