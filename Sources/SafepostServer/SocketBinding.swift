import Foundation

/// The listening socket: either one the daemon binds on a path, or one inherited from systemd.
///
/// Binding happens here, synchronously and before any event loop sees the descriptor, so that
/// the socket file is born with its final permissions: the process umask is narrowed to
/// `~socket-mode` for the one `bind(2)` call (there is no `chmod` window in which another user
/// could connect). The event loop then adopts the descriptor with `withBoundSocket`, the same way
/// it adopts systemd's.
public struct ListeningSocket: Sendable {
    /// The listening descriptor (owned by the server channel once adopted).
    public let descriptor: CInt
    /// The path the socket lives at, when known (not under socket activation).
    public let path: String?
    /// True when systemd handed the socket over (LISTEN_PID/LISTEN_FDS): it is not ours to remove.
    public let inherited: Bool
    /// Device and inode of the socket file this process created, so that shutdown removes that
    /// file and never a newer one another process put at the same path.
    let created: (device: UInt64, inode: UInt64)?

    /// Human-readable origin for the start-up log line.
    public var origin: String { inherited ? "inherited descriptor \(descriptor) (socket activation)" : (path ?? "?") }
}

/// Binds or adopts the daemon's listening socket, and removes the socket file it created.
public enum SocketBinding {
    /// Listen backlog for sockets the daemon binds itself.
    static let backlog: CInt = 256

    /// The socket systemd passed on descriptor 3, when `LISTEN_PID` is this process and
    /// `LISTEN_FDS` is at least 1 (`sd_listen_fds(3)`). The variables are then removed from the
    /// environment so that nothing the daemon starts believes it was activated too.
    public static func inherited(environment: [String: String] = ProcessInfo.processInfo.environment) -> ListeningSocket? {
        guard let pid = environment["LISTEN_PID"].flatMap({ Int32($0) }), pid == getpid(),
              let count = environment["LISTEN_FDS"].flatMap({ Int($0) }), count >= 1
        else { return nil }
        for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
        let fd: CInt = 3
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        // systemd already listens; calling listen again is harmless and makes a socket that a
        // test (or another supervisor) bound but did not yet listen on usable.
        _ = listen(fd, backlog)
        return ListeningSocket(descriptor: fd, path: nil, inherited: true, created: nil)
    }

    /// Binds a new stream socket at `path` with permissions `mode` and, when given, group `group`.
    ///
    /// The parent directory is created (0755) when missing. A socket file already at `path` is
    /// probed: if a process accepts a connection on it, another daemon is serving and this one
    /// refuses to start; if nothing answers, the file is stale and is replaced. Any other kind of
    /// file at `path` is left alone and is an error.
    public static func bind(path: String, mode: UInt16, group: UInt32?) throws(DaemonError) -> ListeningSocket {
        try makeParentDirectory(of: path)
        try clearStaleSocket(at: path)
        var address = try UnixAddress(path: path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonError("cannot create a socket: \(errnoText())") }
        let previous = umask(0o777 & ~mode_t(mode))
        let bound = address.withSockaddr { Glibc.bind(fd, $0, $1) }
        let bindErrno = errno
        umask(previous)
        guard bound == 0 else {
            close(fd)
            throw DaemonError("cannot bind \(path): \(String(cString: strerror(bindErrno)))")
        }
        if let group, chown(path, uid_t.max, group) != 0 {
            let reason = errnoText()
            close(fd)
            unlink(path)
            throw DaemonError("cannot give \(path) to group \(group): \(reason)")
        }
        guard listen(fd, backlog) == 0 else {
            let reason = errnoText()
            close(fd)
            unlink(path)
            throw DaemonError("cannot listen on \(path): \(reason)")
        }
        var info = stat()
        let identity = stat(path, &info) == 0 ? (UInt64(info.st_dev), UInt64(info.st_ino)) : nil
        return ListeningSocket(descriptor: fd, path: path, inherited: false, created: identity)
    }

    /// Removes the socket file `socket` created, if it is still the same file.
    public static func removeFile(of socket: ListeningSocket) {
        guard let path = socket.path, let created = socket.created else { return }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK,
              UInt64(info.st_dev) == created.device, UInt64(info.st_ino) == created.inode
        else { return }
        unlink(path)
    }

    /// True when something accepts connections on the socket file at `path`.
    public static func isAnswering(_ path: String) -> Bool {
        guard var address = try? UnixAddress(path: path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let result = address.withSockaddr { connect(fd, $0, $1) }
        // A full backlog (EAGAIN) still means a live listener.
        return result == 0 || errno == EAGAIN
    }

    private static func makeParentDirectory(of path: String) throws(DaemonError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw DaemonError("cannot create the socket's directory \(parent): \(error.localizedDescription)")
        }
    }

    private static func clearStaleSocket(at path: String) throws(DaemonError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw DaemonError("\(path) exists and is not a socket; refusing to replace it")
        }
        if isAnswering(path) {
            throw DaemonError("another daemon is already serving on \(path)")
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw DaemonError("cannot remove the stale socket \(path): \(errnoText())")
        }
    }
}

/// A `sockaddr_un` for a path (or, with a leading `@`, an abstract name when `abstract` is allowed).
struct UnixAddress {
    private var storage = sockaddr_un()
    private let length: socklen_t

    init(path: String, allowAbstract: Bool = false) throws(DaemonError) {
        var bytes = Array(path.utf8)
        if allowAbstract, bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else {
            throw DaemonError("socket path is \(bytes.count) bytes; at most \(capacity - 1) fit: \(path)")
        }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
    }

    mutating func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        let length = self.length
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}

/// Why the daemon cannot start or a component failed, in a sentence for the log.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
