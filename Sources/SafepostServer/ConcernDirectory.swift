import Foundation

/// The start-up check of the record of concern's place, shared by the daemon and `--check-config`
/// so both fail with the same message: the path and the system's reason (`strerror`), never a
/// Foundation paraphrase.
public enum ConcernDirectory {
    /// Creates the directory of `path` (mode 0700, parents too) when it is missing.
    public static func prepare(for path: String) throws(DaemonError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        if let failure = makeDirectories(directory) {
            throw DaemonError("cannot create the directory of the record of concern \(directory): \(failure)")
        }
    }

    /// Checks, without creating the file, that the record could be opened for appending: the file
    /// when it exists, otherwise its directory. (`--check-config` run as another user than the
    /// daemon's answers for that user.)
    public static func checkWritable(_ path: String) throws(DaemonError) {
        let directory = (path as NSString).deletingLastPathComponent
        let target = FileManager.default.fileExists(atPath: path) ? path : (directory.isEmpty ? "." : directory)
        guard access(target, W_OK) == 0 else {
            throw DaemonError("cannot open the record of concern \(path): \(target == path ? "" : "\(target): ")\(errnoText())")
        }
    }

    /// `mkdir -p` with mode 0700; nil when done, else `strerror` (naming the level that failed
    /// when it is not `directory` itself).
    private static func makeDirectories(_ directory: String) -> String? {
        var info = stat()
        if stat(directory, &info) == 0 {
            return info.st_mode & S_IFMT == S_IFDIR ? nil : "\(errnoText(ENOTDIR))"
        }
        if mkdir(directory, 0o700) == 0 { return nil }
        var code = errno
        if code == ENOENT {
            let parent = (directory as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != directory {
                if let failure = makeDirectories(parent) {
                    return failure.hasPrefix("mkdir ") ? failure : "mkdir \(parent): \(failure)"
                }
                if mkdir(directory, 0o700) == 0 { return nil }
                code = errno
            }
        }
        if code == EEXIST, stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return nil }
        return errnoText(code)
    }
}
