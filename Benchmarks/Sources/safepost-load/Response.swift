import Glibc

/// Reads one HTTP/1.1 response with a `Content-Length` body out of a byte buffer, incrementally.
///
/// The daemon answers `/v1/check` with `Content-Length` (never chunked), and the load generator
/// never pipelines, so a buffer holds at most one response; bytes after it are an error.
struct ResponseParser {
    /// Where the head ends (index after `\r\n\r\n`), once found.
    private(set) var headEnd = -1
    private(set) var status = 0
    private(set) var contentLength = -1
    /// Where the search for the end of the head resumes.
    private var scanned = 0

    enum Outcome {
        case needMore
        /// A whole response: the body is `bytes[bodyStart..<bodyStart + bodyLength]`.
        case complete(bodyStart: Int, bodyLength: Int)
        case malformed(String)
    }

    mutating func reset() { self = ResponseParser() }

    /// Looks at the first `count` bytes of `bytes` (all bytes received for this response so far).
    mutating func parse(_ bytes: UnsafeRawBufferPointer, count: Int) -> Outcome {
        if headEnd < 0 {
            var i = max(0, scanned - 3)
            var found = -1
            while i + 3 < count {
                if bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
                    found = i + 4
                    break
                }
                i += 1
            }
            scanned = count
            guard found >= 0 else { return count > 16_384 ? .malformed("response head over 16 KB") : .needMore }
            headEnd = found
            guard let parsed = Self.head(UnsafeRawBufferPointer(rebasing: bytes[0..<found])) else {
                return .malformed("unreadable response head")
            }
            status = parsed.status
            contentLength = parsed.contentLength
            guard contentLength >= 0 else { return .malformed("response without content-length (status \(status))") }
        }
        let total = headEnd + contentLength
        if count < total { return .needMore }
        if count > total { return .malformed("\(count - total) unexpected bytes after the response") }
        return .complete(bodyStart: headEnd, bodyLength: contentLength)
    }

    /// The status code and `Content-Length` (-1 when absent) of a head.
    private static func head(_ head: UnsafeRawBufferPointer) -> (status: Int, contentLength: Int)? {
        // "HTTP/1.1 200 OK\r\n"
        guard head.count >= 12, head[0] == UInt8(ascii: "H"), head[8] == 0x20 else { return nil }
        var status = 0
        for i in 9..<12 {
            let d = head[i]
            guard d >= 0x30 && d <= 0x39 else { return nil }
            status = status * 10 + Int(d - 0x30)
        }
        let name = Array("content-length:".utf8)
        var contentLength = -1
        var lineStart = 0
        var i = 0
        while i < head.count {
            if head[i] == 0x0A {
                lineStart = i + 1
                if lineStart + name.count <= head.count {
                    var matches = true
                    for j in 0..<name.count where head[lineStart + j] | 0x20 != name[j] | 0x20 {
                        matches = false
                        break
                    }
                    if matches {
                        var k = lineStart + name.count
                        while k < head.count && head[k] == 0x20 { k += 1 }
                        var n = 0
                        var digits = 0
                        while k < head.count, head[k] >= 0x30, head[k] <= 0x39 {
                            n = n * 10 + Int(head[k] - 0x30)
                            k += 1
                            digits += 1
                        }
                        if digits > 0 { contentLength = n }
                    }
                }
            }
            i += 1
        }
        return (status, contentLength)
    }
}

/// A verdict as it appears in a response.
enum Verdict: String, CaseIterable {
    case allow, review, block

    /// Finds `"verdict":"…"` in a response body.
    static func find(in body: [UInt8]) -> Verdict? {
        let key = Array(#""verdict":""#.utf8)
        guard body.count > key.count else { return nil }
        for start in 0...(body.count - key.count) where body[start] == key[0] {
            if Array(body[start..<start + key.count]) == key {
                var end = start + key.count
                while end < body.count && body[end] != UInt8(ascii: "\"") { end += 1 }
                return Verdict(rawValue: String(decoding: body[(start + key.count)..<end], as: UTF8.self))
            }
        }
        return nil
    }
}

/// One blocking keep-alive connection, for health probes and the reference pass.
final class BlockingClient {
    let fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer

    init(path: String) throws(Socket.Failure) {
        fd = try Socket.connect(path: path, nonBlocking: false)
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Sends `request` and reads its response: status and body.
    func exchange(_ request: [UInt8]) throws(Socket.Failure) -> (status: Int, body: [UInt8]) {
        try Socket.writeAll(fd, request)
        var parser = ResponseParser()
        var count = 0
        while true {
            if count == buffer.count { throw Socket.Failure(description: "response over \(buffer.count) bytes") }
            let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw Socket.Failure(description: "read: \(errnoText())")
            }
            if n == 0 { throw Socket.Failure(description: "the daemon closed the connection") }
            count += n
            switch parser.parse(UnsafeRawBufferPointer(buffer), count: count) {
            case .needMore: continue
            case .malformed(let why): throw Socket.Failure(description: why)
            case .complete(let start, let length):
                return (parser.status, Array(UnsafeRawBufferPointer(rebasing: buffer[start..<start + length])))
            }
        }
    }
}
