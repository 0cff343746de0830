import ArgumentParser
import SafepostWire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The input of `safepost check`: a file or standard input, read with read(2) so that an unreadable
/// input (a directory, a closed descriptor, a missing file) is an error message and exit 2, not a
/// trap, and so that no more than the size limit (plus one byte) is ever held in memory.
struct InputSource {
    /// How errors name the input: the path, or `standard input`.
    let name: String
    private let fd: Int32

    /// Opens `path`, or checks that standard input is open. Done before the rules are loaded, so
    /// that a closed standard input cannot be mistaken for a descriptor opened since.
    static func open(_ path: String?) throws -> InputSource {
        guard let path else {
            if fcntl(STDIN_FILENO, F_GETFD) == -1 { try fail("standard input", errno) }
            return InputSource(name: "standard input", fd: STDIN_FILENO)
        }
        let fd = systemOpen(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { try fail(path, errno) }
        return InputSource(name: path, fd: fd)
    }

    /// Reads to the end, or up to `limit + 1` bytes: a longer input is refused as `too-large`,
    /// naming its whole size when it is a regular file (else "more than").
    func read(limit: Int) throws -> (bytes: [UInt8], tooLarge: WireError?) {
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                break
            } else if errno != EINTR {
                try Self.fail(name, errno)
            }
        }
        guard bytes.count > limit else { return (bytes, nil) }
        var status = stat()
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit {
            return ([], WireError.tooLarge(size: Int(status.st_size), limit: limit, raisedBy: maxBytesFlag))
        }
        return ([], WireError.tooLarge(size: nil, limit: limit, raisedBy: maxBytesFlag))
    }

    /// Calls `body` with each line (without its `\n`; a last line without one counts) as it is
    /// read, until the input ends or `body` returns false. A line longer than `limit` bytes (its
    /// `\r` aside) is not kept: `body` gets it empty, with a `too-large` error naming its size.
    func forEachLine(limit: Int, _ body: (_ line: [UInt8], _ tooLarge: WireError?) throws -> Bool) throws {
        defer { if fd != STDIN_FILENO { close(fd) } }
        var line: [UInt8] = []
        var length = 0  // the line's length so far, kept or not
        var chunk = [UInt8](repeating: 0, count: 65_536)
        func finish() throws -> Bool {
            defer { line.removeAll(keepingCapacity: line.count <= 1 << 20); length = 0 }
            let content = length - (line.last == 0x0D ? 1 : 0)
            if content > limit {
                return try body([], WireError.tooLarge(size: content, limit: limit, raisedBy: maxBytesFlag))
            }
            return try body(line, nil)
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                try Self.fail(name, errno)
            }
            if n == 0 { break }
            var start = 0
            while start < n {
                let end = chunk[start..<n].firstIndex(of: 0x0A) ?? n
                length += end - start
                // One byte over the limit is kept, so that a CR before the newline is still seen.
                if length <= limit + 1 {
                    line.append(contentsOf: chunk[start..<end])
                } else if !line.isEmpty {
                    line = []
                }
                if end == n { break }
                if try !finish() { return }
                start = end + 1
            }
        }
        if length > 0 { _ = try finish() }
    }

    private static func fail(_ name: String, _ code: Int32) throws -> Never {
        Console.error("safepost: cannot read \(name): \(String(cString: strerror(code)))")
        throw ExitCode(ExitStatus.error)
    }
}

// The C functions, under names that the methods `open` and `read` do not hide.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }

/// The option that raises the command line's size limit, named in its too-large errors.
let maxBytesFlag = "--max-bytes"
