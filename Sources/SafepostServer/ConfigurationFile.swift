import Foundation
import SafepostWire

extension DaemonConfiguration {
    /// Reads `key = value` lines from `path` over the current settings.
    ///
    /// `#` starts a comment (anywhere on a line), blank lines are ignored, spaces around the key
    /// and the value are trimmed, and a value may be wrapped in double quotes. A key given twice is
    /// an error, as is an unknown key or a value with an unbalanced quote: a typo must not silently
    /// leave a default (or a path starting with `"`) in force.
    /// A missing file is an error only when `required` (an explicit `--config`).
    public mutating func read(file path: String, required: Bool) throws(ConfigurationError) {
        // FileHandle rather than FileManager.contents: the latter refuses devices such as /dev/null.
        guard let data = FileHandle(forReadingAtPath: path).flatMap({ try? $0.readToEnd() ?? Data() }) else {
            if !required && !FileManager.default.fileExists(atPath: path) { return }
            throw ConfigurationError(place: path, message: "cannot read the configuration file: missing or unreadable")
        }
        let bytes = [UInt8](data)
        if let error = Self.firstInvalidUTF8(bytes, file: path) { throw error }
        try read(text: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// The error for the first byte of `bytes` that is not UTF-8, located by line and by byte in
    /// that line (both from 1), worded as the Rules loader words it; nil for well-formed UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8], file: String) -> ConfigurationError? {
        let offset = bytes.withUnsafeBufferPointer { PlainDraft.firstInvalidUTF8($0) }
        guard offset < bytes.count else { return nil }
        let before = bytes[..<offset]
        let line = before.count { $0 == 0x0A } + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return ConfigurationError(
            place: "\(file):\(line)",
            message: "not valid UTF-8: byte \(offset - lineStart + 1) of the line is 0x\(hex.count == 1 ? "0" + hex : hex); save the file as UTF-8")
    }

    /// Reads `key = value` lines from `text`; errors are located in `file`.
    public mutating func read(text: String, file: String) throws(ConfigurationError) {
        var seen: [String: Int] = [:]
        for (index, rawLine) in Self.lines(text).enumerated() {
            let lineNumber = index + 1
            let place = "\(file):\(lineNumber)"
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw ConfigurationError(place: place, message: "expected `key = value`, found \(quote(content))")
            }
            let key = content[..<equals].trimmingCharacters(in: .whitespaces)
            var value = content[content.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            } else if value.hasPrefix("\"") || value.hasSuffix("\"") {
                throw ConfigurationError(place: place, message: "\(key): unbalanced double quote in \(value) (a value is quoted whole, \"like this\"; `#` starts a comment even inside quotes)")
            }
            guard Self.keys.contains(key) else {
                throw ConfigurationError(place: place, message: "unknown setting \(quote(key)) (known: \(Self.keys.joined(separator: ", ")))")
            }
            if let first = seen[key] {
                throw ConfigurationError(place: place, message: "\(quote(key)) is already set on line \(first)")
            }
            seen[key] = lineNumber
            do { try set(key, value) } catch {
                throw ConfigurationError(place: place, message: "\(key): \(error.message)")
            }
            if key == "socket-mode" { socketModePlace = place }
        }
    }

    /// The lines of `text` without their endings, LF or CRLF (an editor on Windows writes CRLF), and
    /// without a leading byte order mark. Split on Unicode scalars: Swift reads "\r\n" as one
    /// `Character`, so splitting the characters on "\n" left a CRLF file as one line, whose first
    /// value swallowed every later setting.
    static func lines(_ text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, scalars in
            var line = scalars
            if line.last == "\r" { line = line.dropLast() }
            if index == 0 && line.first == "\u{FEFF}" { line = line.dropFirst() }
            return Substring(String(line))
        }
    }

    /// Applies command-line values over the file's: `flags` maps a key to its text.
    /// Errors name the flag (`--max-body: must be …`).
    public mutating func apply(flags: [(key: String, value: String)]) throws(ConfigurationError) {
        for (key, value) in flags {
            do { try set(key, value) } catch {
                throw ConfigurationError(place: "--\(key)", message: error.message)
            }
            if key == "socket-mode" { socketModePlace = "--socket-mode" }
        }
    }
}
