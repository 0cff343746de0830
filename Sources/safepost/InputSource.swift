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

    /// Reads to the end, or up to `limit + 1` bytes when a limit is given: a longer input is refused
    /// as `too-large`, naming its whole size when it is a regular file (else "more than").
    func read(limit: Int?) throws -> (bytes: [UInt8], tooLarge: WireError?) {
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while limit.map({ bytes.count <= $0 }) ?? true {
            let wanted = limit.map { min(chunk.count, $0 + 1 - bytes.count) } ?? chunk.count
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                break
            } else if errno != EINTR {
                try Self.fail(name, errno)
            }
        }
        guard let limit, bytes.count > limit else { return (bytes, nil) }
        var status = stat()
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit {
            return ([], WireError.tooLarge(size: Int(status.st_size), limit: limit))
        }
        return ([], WireError(code: WireError.tooLargeCode, message: "request body is more than \(limit) bytes; the limit is \(limit)"))
    }

    private static func fail(_ name: String, _ code: Int32) throws -> Never {
        Console.error("safepost: cannot read \(name): \(String(cString: strerror(code)))")
        throw ExitCode(ExitStatus.error)
    }
}

// The C functions, under names that the methods `open` and `read` do not hide.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
