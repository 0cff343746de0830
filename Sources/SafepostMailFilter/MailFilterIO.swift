#if canImport(Glibc)
import Glibc
import CSafepostMailFilter
#elseif canImport(Darwin)
import Darwin
#endif

/// The message, held in an anonymous file (a memfd) rather than in this process's memory.
///
/// Postfix's pipe(8) writes the message into a pipe on standard input. It is moved from there into
/// the file with splice(2), sent on to safepostd with sendfile(2), and the same file becomes
/// sendmail's standard input: the bytes never pass through this process's memory, which matters
/// for a process started once per message (every page it touches is a page fault to pay). When
/// standard input is not a pipe (a file, a socket), it is copied through a small buffer instead.
///
/// The whole message is in the file before anything else happens, so sendmail never sees a
/// message cut short by this process dying.
struct MailFilterMessage {
    /// The anonymous file, close-on-exec; its own offset stays at 0 (reads and writes here give
    /// explicit offsets), so it can be handed to sendmail as it is.
    let fd: Int32
    /// Bytes in the file.
    private(set) var size: Int

    /// What standard input held.
    enum Input {
        /// The whole message.
        case complete(MailFilterMessage)
        /// More than the limit: the file holds the first `limit + 1` bytes; the rest is still unread
        /// on the descriptor.
        case oversize(MailFilterMessage)
    }

    /// Reads `input` to its end into a new anonymous file, or stops once it has more than `limit` bytes
    /// (`Int.max`, the largest `--max-size`, has no byte past it to stop at: no limit).
    static func read(_ input: Int32, limit: Int) throws(MailFilterExit) -> Input {
        var message = MailFilterMessage(fd: try MailFilterIO.anonymousFile(), size: 0)
        let ended = try message.append(from: input, upTo: limit == Int.max ? nil : limit + 1)
        return ended ? .complete(message) : .oversize(message)
    }

    /// Appends what `input` holds, until its end or until the file has `cap` bytes (nil: no cap).
    /// True at the end of input.
    mutating func append(from input: Int32, upTo cap: Int?) throws(MailFilterExit) -> Bool {
        var spliced = true
        var first = true
        while true {
            let want = cap.map { $0 - size } ?? (1 << 30)
            if want <= 0 { return false }
            var n = -1
            #if os(Linux)
            if spliced {
                var offset = Int64(size)
                n = safepost_splice_to(input, fd, &offset, UInt(min(want, 1 << 20)))
                if n < 0 && first && (errno == EINVAL || errno == ENOSYS) {
                    spliced = false  // not a pipe (a file, a socket): copy through a buffer
                    continue
                }
                first = false
            } else {
                n = copyChunk(from: input, max: want)
            }
            #else
            n = copyChunk(from: input, max: want)
            #endif
            if n > 0 {
                size += n
            } else if n == 0 {
                return true
            } else if errno != EINTR {
                throw .tempfail("reading the message from standard input failed: \(MailFilterIO.describe(errno))")
            }
        }
    }

    /// read(2) then pwrite(2) of at most 16 KiB through a stack buffer; the read's result (-1 with
    /// errno for a failed read; a failed write throws).
    private func copyChunk(from input: Int32, max: Int) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16_384) { buffer -> Int in
            let n = Glibc.read(input, buffer.baseAddress, Swift.min(max, buffer.count))
            guard n > 0 else { return n }
            var done = 0
            while done < n {
                let w = pwrite(fd, buffer.baseAddress! + done, n - done, off_t(size + done))
                if w > 0 { done += w } else if w < 0 && errno == EINTR { continue } else { return -1 }
            }
            return n
        }
    }

    /// The first `count` bytes (fewer if the message is shorter).
    func head(_ count: Int) -> [UInt8] {
        let want = min(count, size)
        return [UInt8](unsafeUninitializedCapacity: want) { buffer, got in
            got = 0
            while got < want {
                let n = pread(fd, buffer.baseAddress! + got, want - got, off_t(got))
                if n > 0 { got += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
    }

    /// Sends the whole message to `out` with sendfile(2) (`out` blocking, or `wait` called when it
    /// is full). False with errno set when that failed.
    func send(to out: Int32, wait: () -> Bool = { false }) -> Bool {
        var offset: Int64 = 0
        while offset < Int64(size) {
            #if os(Linux)
            let n = safepost_sendfile(out, fd, &offset, UInt(Int64(size) - offset))
            #else
            let n = -1
            #endif
            if n > 0 { continue }
            if n == 0 { errno = EIO; return false }
            if errno == EINTR { continue }
            if (errno == EAGAIN || errno == EWOULDBLOCK) && wait() { continue }
            return false
        }
        return true
    }

    /// A new anonymous file holding `prefix` and then this message, its offset at 0 (for sendmail).
    func prefixed(_ prefix: [UInt8]) throws(MailFilterExit) -> Int32 {
        let copy = try MailFilterIO.anonymousFile()
        guard MailFilterIO.writeAll(copy, prefix[...]), send(to: copy), lseek(copy, 0, SEEK_SET) == 0 else {
            let code = errno
            close(copy)
            throw .tempfail("writing the message for sendmail failed: \(MailFilterIO.describe(code))")
        }
        return copy
    }

    /// The line ending the message's first line uses: CRLF, or else LF.
    func lineEnding() -> [UInt8] {
        let start = head(4096)
        if let lf = start.firstIndex(of: 0x0A), lf > 0, start[lf - 1] == 0x0D { return [0x0D, 0x0A] }
        return [0x0A]
    }
}

/// Plain POSIX output for the mail filter: no Foundation on the per-message path.
enum MailFilterIO {
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

    /// An anonymous read-write file (a memfd, else an unlinked file in $TMPDIR or /tmp), close-on-exec.
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
