#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The socket calls every client of the daemon needs: connecting to its Unix socket and waiting
/// on the descriptor, both against one deadline. `UnixConnection` is built on them, and so is the
/// mail filter, which works on the raw descriptor (it sends the message with sendfile(2)).
public enum UnixSocket {
    /// Connects a non-blocking, close-on-exec stream socket to `path` before `deadline` and
    /// returns it; the caller owns (and closes) it. A full listen backlog (`EAGAIN`) is waited
    /// out with a short backoff, not failed: Linux cannot poll a Unix socket for it.
    public static func connect(path: String, deadline: Deadline) throws(ClientError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let pathBytes = Array(path.utf8)
        guard !pathBytes.isEmpty, !pathBytes.contains(0) else { throw .connect(path: path, errno: ENOENT) }
        guard pathBytes.count < capacity else { throw .connect(path: path, errno: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let fd = try openSocket(path)
        var backoffMillis: Int32 = 1
        while true {
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            let code = result == 0 ? 0 : errno
            do throws(ClientError) {
                switch code {
                case 0, EISCONN:
                    return fd
                case EINTR:
                    continue
                case EAGAIN:
                    _ = poll(nil, 0, min(backoffMillis, try remainingMillis(deadline)))
                    backoffMillis = min(backoffMillis * 2, 50)
                case EINPROGRESS, EALREADY:
                    _ = try wait(fd, for: Int16(POLLOUT), deadline: deadline)
                    var pending: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &length) == 0 else {
                        throw .connect(path: path, errno: errno)
                    }
                    if pending == 0 { return fd }
                    throw .connect(path: path, errno: pending)
                default:
                    throw .connect(path: path, errno: code)
                }
            } catch {
                close(fd)
                throw error
            }
        }
    }

    /// Waits until one of `events` is ready on `fd`, or throws `.timeout` at the deadline.
    /// Returns `revents`.
    @discardableResult
    public static func wait(_ fd: Int32, for events: Int16, deadline: Deadline) throws(ClientError) -> Int16 {
        while true {
            var p = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&p, 1, try remainingMillis(deadline))
            if ready > 0 { return p.revents }
            if ready == 0 {
                if Deadline.now >= deadline { throw .timeout }
                continue
            }
            let code = errno
            if code == EINTR { continue }
            throw .protocolViolation("waiting for the daemon failed: \(String(cString: strerror(code)))")
        }
    }

    /// Milliseconds left until `deadline`, rounded up, at least 1; `.timeout` once it has passed.
    public static func remainingMillis(_ deadline: Deadline) throws(ClientError) -> Int32 {
        let left = deadline.remaining
        guard left > .zero else { throw .timeout }
        let (seconds, attoseconds) = left.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(1, millis))
    }

    /// A new non-blocking, close-on-exec stream socket.
    private static func openSocket(_ path: String) throws(ClientError) -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .connect(path: path, errno: errno) }
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        guard fd >= 0 else { throw .connect(path: path, errno: errno) }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else {
            let code = errno
            close(fd)
            throw .connect(path: path, errno: code)
        }
        #endif
        return fd
    }
}

/// `connect(2)`, under a name that the static method `UnixSocket.connect` does not shadow.
@inline(__always)
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
