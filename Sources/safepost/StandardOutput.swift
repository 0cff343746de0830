import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way the command line writes its results: straight to standard output with write(2), so
/// that a failed write (a full disk, a closed pipe, an I/O error) is seen and reported. Foundation's
/// `FileHandle.write` traps on such an error, and `print`'s buffer drops it, so a verdict nobody
/// received would still exit 0 or 1.
enum Output {
    /// Writes `bytes` and a newline (one JSON line).
    static func line(_ bytes: [UInt8]) throws {
        var withNewline = bytes
        withNewline.append(0x0A)
        try write(withNewline)
    }

    /// Writes `text` as it is (a readable report brings its own newlines).
    static func text(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Writes all of `bytes`, or says on standard error why it could not and throws the error status.
    static func write(_ bytes: [UInt8]) throws {
        if let code = StandardStream.write(bytes, to: STDOUT_FILENO) {
            Console.error("safepost: cannot write the output: \(String(cString: strerror(code)))")
            throw ExitCode(ExitStatus.error)
        }
    }
}

/// write(2) to a standard stream, for `Output` and `Console`.
enum StandardStream {
    /// Whole writes to a pipe whose reader has gone fail with EPIPE (reported, exit 2) instead of
    /// killing the process with SIGPIPE; called once at start-up. The daemon client already sends
    /// with MSG_NOSIGNAL, so nothing else relies on the signal.
    static func reportBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes all of `bytes` to `fd`, retrying after signals and short writes; nil when done,
    /// else the errno that stopped it.
    static func write(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if n > 0 {
                offset += n
            } else if n == 0 {
                return EIO
            } else if errno != EINTR {
                return errno
            }
        }
        return nil
    }
}
