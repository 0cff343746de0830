import Foundation

/// A request as bytes on the wire (HTTP/1.1, `Content-Length` body unless headers say otherwise).
struct HTTPRequest {
    var method: String
    var target: String
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    var bytes: [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: safepost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let chunked = headers.contains { $0.0.lowercased() == "transfer-encoding" }
        if !chunked && (!body.isEmpty || method == "POST") { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}

/// A parsed response.
struct HTTPResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// The error code of a JSON error body.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
}

/// A blocking client connection over a Unix stream socket: tiny and POSIX-only, so the tests do
/// not depend on the client library being written alongside. Reads time out after 10 s.
final class UnixConnection: @unchecked Sendable {
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String, receiveTimeout: Double = 10) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DaemonFailure("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close()  // deinit still runs after a throwing init: leave no descriptor to close twice
            throw DaemonFailure("connect \(path): \(reason)")
        }
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int(receiveTimeout.truncatingRemainder(dividingBy: 1) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Closes the sending half (the daemon sees end of input).
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw DaemonFailure("send: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Reads more bytes into the buffer; false at end of input.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 { throw DaemonFailure("recv: \(String(cString: strerror(errno)))") }
        if n == 0 { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    /// True when the daemon has closed the connection (reads end of input, or a reset).
    func isClosedByPeer() -> Bool {
        do { return try !fill() } catch { return true }
    }

    private func line() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 0x0A) {
                var bytes = Array(buffer[..<index])
                buffer.removeFirst(index + 1)
                if bytes.last == 0x0D { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard try fill() else { throw DaemonFailure("connection closed in the middle of a line") }
        }
    }

    private func exactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw DaemonFailure("connection closed before \(count) body bytes") }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one response; `onChunk` sees each chunk of a chunked body as it arrives. Informational
    /// (1xx) responses are skipped unless `skippingInterim` is false: then one is returned as it is.
    func readResponse(skippingInterim: Bool = true, onChunk: (([UInt8]) -> Void)? = nil) throws -> HTTPResponse {
        var status = 0
        var headers: [(String, String)] = []
        repeat {  // skip 1xx informational responses
            let statusLine = try line()
            let parts = statusLine.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, let code = Int(parts[1]) else { throw DaemonFailure("bad status line: \(statusLine)") }
            status = code
            headers = []
            while true {
                let header = try line()
                if header.isEmpty { break }
                guard let colon = header.firstIndex(of: ":") else { continue }
                headers.append((String(header[..<colon]), header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        } while status < 200 && skippingInterim
        if status < 200 { return HTTPResponse(status: status, headers: headers, body: []) }
        let response = HTTPResponse(status: status, headers: headers, body: [])
        var body: [UInt8] = []
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while true {
                let sizeLine = try line()
                guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else { throw DaemonFailure("bad chunk size \(sizeLine)") }
                if size == 0 {
                    while try !line().isEmpty {}
                    break
                }
                let chunk = try exactly(size)
                onChunk?(chunk)
                body += chunk
                _ = try line()
            }
        } else if let length = response.header("content-length").flatMap({ Int($0) }) {
            body = try exactly(length)
        } else {
            while try fill() {}
            body = buffer
            buffer = []
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}
