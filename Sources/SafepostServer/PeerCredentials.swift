import Foundation
import NIOCore

/// The process on the other end of a Unix socket connection, as the kernel saw it at `connect(2)`.
///
/// Read with `getsockopt(SO_PEERCRED)`. Glibc's `struct ucred` is hidden behind `_GNU_SOURCE`, so
/// its layout is mirrored here: `{ pid_t pid; uid_t uid; gid_t gid; }` (three 32-bit fields).
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// True for root and for the daemon's own user: the peers allowed to call admin endpoints.
    public var isAdmin: Bool { uid == 0 || uid == geteuid() }

    /// Asks the kernel for the peer of `channel`, which must be a Unix stream socket channel.
    /// Completes on the channel's event loop; fails when the channel is not a socket.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(DaemonError("the connection is not a socket"))
        }
        let raw: EventLoopFuture<UCred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return raw.map { PeerCredentials(pid: $0.pid, uid: $0.uid, gid: $0.gid) }
    }
}

/// Byte-for-byte `struct ucred` from `<sys/socket.h>`.
struct UCred: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
