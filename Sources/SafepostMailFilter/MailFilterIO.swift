#if canImport(Glibc)
import Glibc
import CSafepostMailFilter
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
    ///
    /// The bytes go straight into the message's own storage (no intermediate buffer). It starts at
    /// the file's size when `fd` is a regular file, else at 64 KiB (Linux's pipe buffer, so a
    /// message of that size comes in a read or two), and doubles when full.
    static func read(_ fd: Int32, limit: Int) throws(MailFilterExit) -> Input {
        var capacity = 64 * 1024
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            capacity = Int(info.st_size) + 1  // + 1: room for the read that sees the end
        }
        capacity = min(capacity, limit + 1)
        var bytes: [UInt8] = []
        var failure: Int32 = 0
        var ended = false
        while true {
            let previous = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = previous.count
                previous.withUnsafeBufferPointer { old in
                    if let from = old.baseAddress { buffer.baseAddress!.initialize(from: from, count: old.count) }
                }
                while count < capacity {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
                    if n > 0 {
                        count += n
                    } else if n == 0 {
                        ended = true
                        return
                    } else if errno != EINTR {
                        failure = errno
                        return
                    }
                }
            }
            if failure != 0 { throw .tempfail("reading the message from standard input failed: \(describe(failure))") }
            if ended { return .complete(bytes) }
            if bytes.count > limit { return .oversize(bytes) }
            capacity = min(capacity * 2, limit + 1)
        }
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
        #if os(Linux)
        let memfd = safepost_memfd("safepost-mail")
        if memfd >= 0 { return memfd }
        #endif
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

