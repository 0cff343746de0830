import Foundation

/// Sends `sd_notify(3)` state changes to systemd without libsystemd.
///
/// The protocol is one datagram of `KEY=value` lines to the `AF_UNIX` socket named in
/// `NOTIFY_SOCKET`; a leading `@` means the Linux abstract namespace. When the variable is unset
/// (not started by systemd with `Type=notify`) every call does nothing. Sends are best effort:
/// a lost notification must never stop the daemon. Safe from any thread.
public struct SystemdNotifier: Sendable {
    /// The notification socket, or nil when not running under systemd's notify protocol.
    public let socketPath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
    }

    /// `READY=1` with a status line: the daemon is serving.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    /// `RELOADING=1`: a reload started (systemd 253+ also wants the monotonic time).
    public func reloading() { send("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds())") }

    /// `STOPPING=1`: graceful shutdown has begun.
    public func stopping() { send("STOPPING=1") }

    /// Sends `state` as one datagram; returns false when it could not be sent (or there is no socket).
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard let socketPath, var address = try? UnixAddress(path: socketPath, allowAbstract: true) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(state.utf8)
        let sent = bytes.withUnsafeBytes { buffer in
            address.withSockaddr { sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), $0, $1) }
        }
        return sent == bytes.count
    }

    private func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
