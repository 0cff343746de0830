#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking stream socket connected to a Unix socket path, read and written against a
/// deadline with `poll(2)`, so one deadline bounds connecting, sending and receiving together
/// (a daemon that trickles bytes cannot stretch a call past it, as per-call `SO_RCVTIMEO` would
/// allow). Interrupted calls (`EINTR`) and short reads and writes are retried. Writes use
/// `MSG_NOSIGNAL`, so a daemon that goes away never kills the caller with `SIGPIPE`.
final class UnixConnection {
    let fd: Int32
    let path: String
    /// Bytes received and not yet consumed: `buffer[readIndex...]`.
    var buffer: [UInt8] = []
    var readIndex = 0
    /// True once the peer has closed its side (or reset the connection).
    private(set) var atEOF = false
    /// Bytes received in total, to tell "closed before answering" from "closed mid-answer".
    private(set) var received = 0
    /// Where `recv` lands before the bytes join `buffer`.
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Connects to `path` before `deadline` (see `UnixSocket.connect`).
    static func open(path: String, deadline: Deadline) throws(ClientError) -> UnixConnection {
        UnixConnection(fd: try UnixSocket.connect(path: path, deadline: deadline), path: path)
    }

    /// How a write ended.
    enum WriteOutcome {
        /// Every byte was sent.
        case sent
        /// The daemon answered (or closed) before taking all of it; read the answer now.
        case answeredEarly
    }

    /// Sends `bytes` before `deadline`. Stops early when the daemon starts answering or closes its side
    /// (a `413` sent before the body was read), so the caller reads that answer instead of failing.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(ClientError) -> WriteOutcome {
        var offset = 0
        while offset < bytes.count {
            let (sent, code) = bytes.withUnsafeBytes { raw in
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                return (n, n < 0 ? errno : 0)
            }
            if sent > 0 {
                offset += sent
                continue
            }
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                let events = try wait(for: Int16(POLLOUT) | Int16(POLLIN), deadline: deadline)
                if events & (Int16(POLLIN) | Int16(POLLHUP)) != 0 && events & Int16(POLLOUT) == 0 { return .answeredEarly }
            case EPIPE, ECONNRESET:
                return .answeredEarly
            default:
                throw .protocolViolation("sending to the daemon failed: \(String(cString: strerror(code)))")
            }
        }
        return .sent
    }

    /// Reads whatever is available (at least one byte) into `buffer`, waiting until `deadline`.
    /// Returns false at end of input. A reset connection counts as end of input.
    func fill(deadline: Deadline) throws(ClientError) -> Bool {
        if atEOF { return false }
        if readIndex > 0 && readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 65_536 && readIndex * 2 > buffer.count {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
        while true {
            let (got, code) = scratch.withUnsafeMutableBytes { raw in
                let n = recv(fd, raw.baseAddress!, raw.count, 0)
                return (n, n < 0 ? errno : 0)
            }
            if got > 0 {
                buffer.append(contentsOf: scratch[0..<got])
                received += got
                return true
            }
            if got == 0 {
                atEOF = true
                return false
            }
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                try wait(for: Int16(POLLIN), deadline: deadline)
            case ECONNRESET:
                atEOF = true
                return false
            default:
                throw .protocolViolation("reading from the daemon failed: \(String(cString: strerror(code)))")
            }
        }
    }

    /// True when the daemon has closed the connection or sent something unasked (so it cannot be
    /// reused for another request). Does not block.
    func isStale() -> Bool {
        if atEOF || readIndex < buffer.count { return true }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) != 0
    }

    /// Waits until one of `events` is ready, or throws `.timeout` at the deadline. Returns `revents`.
    @discardableResult
    private func wait(for events: Int16, deadline: Deadline) throws(ClientError) -> Int16 {
        try UnixSocket.wait(fd, for: events, deadline: deadline)
    }
}
