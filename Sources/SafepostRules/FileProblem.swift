import Foundation

/// Why a file of the Rules folder could not be used, said so that a manager can fix it: the
/// system's reason for a file that cannot be read, and where a file stops being UTF-8.
enum FileProblem {
    /// Why `path` cannot be read: "missing", or the system's reason for a file that is there
    /// ("Permission denied", "Too many levels of symbolic links", a link to nowhere).
    static func reason(_ path: String) -> String {
        var info = stat()
        if lstat(path, &info) != 0 { return "missing" }
        if (info.st_mode & S_IFMT) == S_IFLNK && stat(path, &info) != 0 {
            return errno == ENOENT ? "a symbolic link to something missing" : String(cString: strerror(errno))
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return String(cString: strerror(errno)) }
        close(fd)
        return (info.st_mode & S_IFMT) == S_IFREG ? "unreadable" : "not a regular file"
    }

    /// The first byte that is not UTF-8: its line (from 1), its byte in that line (from 1) and its
    /// value in hex (a Windows-1252 "é" is E9).
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, byte: Int, value: String) {
        let bytes = [UInt8](data)
        var line = 1
        var lineStart = 0
        var at = 0
        while at < bytes.count {
            let length = sequenceLength(bytes, at)
            if length == 0 {
                let hex = String(bytes[at], radix: 16, uppercase: true)
                return (line, at - lineStart + 1, hex.count == 1 ? "0" + hex : hex)
            }
            if bytes[at] == 0x0A {
                line += 1
                lineStart = at + 1
            }
            at += length
        }
        return (line, at - lineStart + 1, "??")
    }

    /// The length of the well-formed UTF-8 sequence at `at`, or 0 if it is not one.
    private static func sequenceLength(_ bytes: [UInt8], _ at: Int) -> Int {
        let first = bytes[at]
        let (length, low, high): (Int, UInt8, UInt8) = switch first {
        case 0x00...0x7F: (1, 0x80, 0xBF)
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard length > 0, at + length <= bytes.count else { return 0 }
        for i in 1..<length {
            let byte = bytes[at + i]
            let (lo, hi) = i == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lo && byte <= hi else { return 0 }
        }
        return length
    }
}
