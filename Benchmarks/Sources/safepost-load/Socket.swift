import Glibc

/// Thin wrappers over the Unix socket calls the load generator makes.
enum Socket {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A connected `AF_UNIX` stream socket (non-blocking when asked).
    static func connect(path: String, nonBlocking: Bool) throws(Failure) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errnoText())") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            close(fd)
            throw Failure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
            raw[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let text = errnoText()
            close(fd)
            throw Failure(description: "connect \(path): \(text)")
        }
        if nonBlocking {
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        }
        return fd
    }

    /// The process id at the other end (`SO_PEERCRED`), or nil.
    static func peerPID(_ fd: Int32) -> Int32? {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } (not visible from Glibc in Swift).
        var credentials: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        let result = getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length)
        return result == 0 && credentials.0 > 0 ? credentials.0 : nil
    }

    /// Writes all of `bytes` on a blocking descriptor.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        var failure: Failure?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(description: "write: \(errnoText())")
                    return
                }
                offset += n
            }
        }
        if let failure { throw failure }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// Nanoseconds on the monotonic clock (vDSO, no system call).
@inline(__always)
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// CPU seconds (user + system) this process has used, all threads.
func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}
