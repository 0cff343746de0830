import Foundation
import SafepostClient
#if canImport(Glibc)
import Glibc
#endif

/// A request as the fake daemon received it.
struct ClientFakeRequest: Sendable {
    var method: String
    var target: String
    /// Header names lowercased; a repeated header keeps its last value.
    var headers: [String: String]
    var body: [UInt8]

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the fake daemon does with a request.
enum ClientFakeReply: Sendable {
    /// Writes the bytes and keeps the connection for another request (unless the client asked to close).
    case send([UInt8])
    /// Writes the bytes and closes.
    case sendThenClose([UInt8])
    /// Writes the bytes one at a time with a pause between them, then closes.
    case trickle([UInt8], pauseMicros: UInt32)
    /// Closes without answering.
    case close
    /// Never answers; the connection stays open until the server stops.
    case silence
}

/// A tiny HTTP/1.1 server on a temporary Unix socket, one thread per connection, for testing clients
/// without the real daemon. It reads a request head and (unless `readsBody` is false) a
/// `Content-Length` body, and lets the test decide the bytes of the answer.
final class ClientFakeServer: @unchecked Sendable {
    let path: String
    private let listener: Int32
    private let readsBody: Bool
    private let handler: @Sendable (ClientFakeRequest) -> ClientFakeReply
    private let lock = NSLock()
    private var open: Set<Int32> = []
    private var stopped = false
    private var received: [ClientFakeRequest] = []
    private var accepted = 0

    private static let counter = NSLock()
    nonisolated(unsafe) private static var next = 0

    /// A fresh socket path under /tmp, short enough for `sun_path`.
    static func temporaryPath(_ tag: String = "c") -> String {
        counter.lock()
        next += 1
        let n = next
        counter.unlock()
        return "/tmp/spc-\(tag)\(getpid())-\(n).sock"
    }

    init(readsBody: Bool = true, handler: @escaping @Sendable (ClientFakeRequest) -> ClientFakeReply) throws {
        path = Self.temporaryPath()
        self.readsBody = readsBody
        self.handler = handler
        unlink(path)
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let code = errno
            close(listener)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// The requests received so far, in order.
    var requests: [ClientFakeRequest] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Connections accepted so far.
    var connections: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    /// Stops accepting, closes every connection and removes the socket file.
    ///
    /// Descriptors are only shut down here, never closed: the threads that own them close them, so a
    /// number reused by another test's socket (tests run in parallel) is never touched.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        unlink(path)
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            if stopped {
                lock.unlock()
                close(fd)
                return
            }
            open.insert(fd)
            accepted += 1
            lock.unlock()
            let thread = Thread { [self] in serve(fd) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.lock()
            open.remove(fd)
            close(fd)
            lock.unlock()
        }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, &buffer) {
            lock.lock()
            received.append(request)
            lock.unlock()
            let wantsClose = request.headers["connection"]?.lowercased() == "close"
            switch handler(request) {
            case .send(let bytes):
                guard writeAll(fd, bytes) else { return }
                if wantsClose { return }
            case .sendThenClose(let bytes):
                _ = writeAll(fd, bytes)
                return
            case .trickle(let bytes, let pause):
                for b in bytes {
                    guard writeAll(fd, [b]) else { return }
                    usleep(pause)
                }
                return
            case .close:
                return
            case .silence:
                var scratch = [UInt8](repeating: 0, count: 1024)
                while recv(fd, &scratch, scratch.count, 0) > 0 {}
                return
            }
        }
    }

    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> ClientFakeRequest? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            if let end = firstRange(of: terminator, in: buffer) {
                headEnd = end
                break
            }
            guard fill(fd, &buffer) else { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeSubrange(0..<(headEnd + 4))
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if readsBody, let length = headers["content-length"].flatMap({ Int($0) }) {
            while buffer.count < length {
                guard fill(fd, &buffer) else { return nil }
            }
            body = Array(buffer[0..<length])
            buffer.removeSubrange(0..<length)
        }
        return ClientFakeRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    // MARK: Canned answers

    /// A complete `200 OK` JSON response with `Content-Length`.
    static func response(_ status: Int, _ body: String, extraHeaders: String = "") -> [UInt8] {
        response(status, "OK", body, extraHeaders: extraHeaders)
    }

    /// A complete response with `Content-Length`.
    static func response(_ status: Int, _ reason: String = "OK", contentType: String = "application/json", _ body: String, extraHeaders: String = "") -> [UInt8] {
        let bytes = Array(body.utf8)
        return Array("HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\n\(extraHeaders)\r\n".utf8) + bytes
    }

    /// A chunked response whose body is `chunks` joined; the chunk lines carry an extension and the
    /// body ends with a trailer field, as the RFC allows.
    static func chunked(_ status: Int, _ chunks: [String], contentType: String = "application/json") -> [UInt8] {
        var out = "HTTP/1.1 \(status) OK\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n"
        for (i, chunk) in chunks.enumerated() where !chunk.isEmpty {
            out += String(chunk.utf8.count, radix: 16, uppercase: i % 2 == 0) + (i == 1 ? ";note=\"x\"" : "") + "\r\n" + chunk + "\r\n"
        }
        out += "0\r\nX-Trailer: done\r\n\r\n"
        return Array(out.utf8)
    }
}

/// Paths and binaries for the client tests.
enum ClientFixtures {
    /// The checkout (three levels above this file).
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var rules: String { repo.appendingPathComponent("Rules").path }

    /// A built executable next to the test bundle (as the CLI tests find `safepost`), or in .build/debug.
    static func binary(_ name: String) -> URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repo.appendingPathComponent(".build/debug/\(name)")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// Runs an executable with `input` on standard input and collects everything it writes.
    static func run(_ executable: URL, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read on separate threads so that neither side can fill a pipe and stall.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errBox = DataBox()
        let errReader = Thread {
            errBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            errBox.done.signal()
        }
        errReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: errBox.data, as: UTF8.self), stdoutBytes: out)
    }

    final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// `safepost`, run as a user would.
    static func safepost(_ arguments: [String], input: String = "", environment: [String: String]? = nil) throws -> Run {
        try run(binary("safepost"), arguments, input: Data(input.utf8), environment: environment)
    }
}

/// The built `safepostd` on a temporary socket with the shipped Rules, when it is there and serves.
/// `start()` gives nil otherwise, and the tests that want the real daemon then stop early: the
/// fake-server tests cover the client on their own.
final class ClientRealDaemon {
    let directory: String
    let socket: String
    let concerns: String
    private let process: Process

    private init(directory: String, process: Process) {
        self.directory = directory
        socket = directory + "/d.sock"
        concerns = directory + "/concerns.jsonl"
        self.process = process
    }

    static func start() -> ClientRealDaemon? {
        let binary = ClientFixtures.binary("safepostd")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
        let directory = "/tmp/spc-d" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)) != nil else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--config", "/dev/null", "--socket", directory + "/d.sock", "--rules", ClientFixtures.rules,
                             "--concerns", directory + "/concerns.jsonl", "--threads", "1", "--log-level", "error"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let daemon = ClientRealDaemon(directory: directory, process: process)
        guard (try? process.run()) != nil else { return nil }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && process.isRunning {
            if let status = try? SafepostClient(socketPath: daemon.socket, timeout: .seconds(2)).health(),
               String(decoding: status, as: UTF8.self).contains("\"ready\"") {
                return daemon
            }
            usleep(20_000)
        }
        return nil
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
