#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain POSIX input and output for the mail filter: no Foundation on the per-message path.
enum MailFilterIO {
    /// What standard input held.
    enum Input: Equatable {
        /// The whole message.
        case complete([UInt8])
        /// More than the limit: the first `limit + 1` bytes; the rest is still unread on the descriptor.
        case oversize([UInt8])
    }

    /// Reads `fd` to its end, or stops once it has more than `limit` bytes.
    static func read(_ fd: Int32, limit: Int) throws(MailFilterExit) -> Input {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit + 1, 256 * 1024))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                return .complete(bytes)
            } else if errno != EINTR {
                throw .tempfail("reading the message from standard input failed: \(describe(errno))")
            }
        }
        return .oversize(bytes)
    }

    /// Writes every byte of `bytes` to `fd`; false (with errno set) if that failed.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                if n == 0 { errno = EIO }
                return false
            }
        }
        return true
    }

    /// Copies what is left on `from` to `to`.
    static func copyRest(from: Int32, to: Int32) throws(MailFilterExit) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(from, $0.baseAddress, $0.count) }
            if n > 0 {
                guard writeAll(to, chunk[0..<n]) else {
                    throw .tempfail("copying the message for sendmail failed: \(describe(errno))")
                }
            } else if n == 0 {
                return
            } else if errno != EINTR {
                throw .tempfail("reading the message from standard input failed: \(describe(errno))")
            }
        }
    }

    /// An anonymous read-write file (a memfd, else an unlinked file in $TMPDIR or /tmp), close-on-exec.
    /// The message is written here in full before sendmail starts, so sendmail can never read a
    /// message cut short by this process dying.
    static func anonymousFile() throws(MailFilterExit) -> Int32 {
        typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
        // dlsym(nil, …) is RTLD_DEFAULT; memfd_create is not in Swift's Glibc module.
        if let symbol = dlsym(nil, "memfd_create") {
            let create = unsafeBitCast(symbol, to: MemfdCreate.self)
            let fd = create("safepost-mail", 1)  // MFD_CLOEXEC
            if fd >= 0 { return fd }
        }
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/safepost-mail-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .tempfail("cannot create a temporary file in \(directory): \(describe(errno))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    /// Everything in `fd` from its start, at most `limit` bytes.
    static func contents(_ fd: Int32, limit: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: limit)
        var got = 0
        while got < limit {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, limit - got, off_t(got)) }
            if n > 0 {
                got += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return Array(out[0..<got])
    }

    /// `strerror` as a Swift string.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
