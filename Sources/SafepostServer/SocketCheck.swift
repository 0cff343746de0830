import Foundation

extension SocketBinding {
    /// For `--check-config`: whether start-up could bind a socket at `path`, found without leaving
    /// anything behind. A socket already there (a daemon serving, systemd's, or a stale one that
    /// start-up replaces) is fine; any other file there is the error start-up gives. When the
    /// directory exists, a socket is bound there as start-up would (so permissions are tried as the
    /// user running the check) and removed at once; a missing directory is created by start-up, so
    /// its nearest existing ancestor must be a directory that user can write.
    public static func check(path: String) throws(DaemonError) {
        _ = try UnixAddress(path: path)
        var info = stat()
        if lstat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFSOCK else {
                throw DaemonError("\(path) exists and is not a socket; start-up refuses to replace it")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if parent.isEmpty || FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            guard parent.isEmpty || isDirectory.boolValue else {
                throw DaemonError("cannot bind \(path): \(parent) is not a directory")
            }
            let socket = try bind(path: path, mode: 0o600, group: nil)
            close(socket.descriptor)
            unlink(path)
            return
        }
        var ancestor = parent
        while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory) {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        if ancestor.isEmpty { ancestor = "." } else if ancestor == "/" { isDirectory = true }
        guard isDirectory.boolValue else {
            throw DaemonError("cannot create the socket's directory \(parent): \(ancestor) is not a directory")
        }
        guard access(ancestor, W_OK) == 0 else {
            throw DaemonError("cannot create the socket's directory \(parent): \(ancestor): \(errnoText())")
        }
    }
}
