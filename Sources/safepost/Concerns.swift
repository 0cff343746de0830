import ArgumentParser
import Foundation
import SafepostModel
import SafepostWire

/// `safepost concerns [--file PATH] [--json]`: lists the record of concern that safepostd appends to
/// whenever a draft has a `safeguarding` finding, for the setting's safeguarding lead.
struct Concerns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the record of concern kept by safepostd, oldest first.",
        discussion: """
            Each entry shows when, the channel, the author, the categories and rules found, and the \
            redacted draft (names and details replaced; the original draft is never recorded). \
            --json passes the record's lines through unchanged. A missing record means nothing has been \
            recorded (exit 0). A line that cannot be read is reported with its line number on standard \
            error and the other entries are still listed (exit 2). An unreadable file exits 2.
            """
    )

    static let defaultPath = "/var/lib/safepost/concerns.jsonl"

    @Option(help: ArgumentHelp("The record of concern (default: $SAFEPOST_CONCERNS, then \(defaultPath)).", valueName: "path"))
    var file: String?

    @Flag(help: "Pass the record's JSON lines through unchanged instead of the readable listing.")
    var json = false

    var path: String {
        if let file { return file }
        if let env = ProcessInfo.processInfo.environment["SAFEPOST_CONCERNS"], !env.isEmpty { return env }
        return Concerns.defaultPath
    }

    func run() throws {
        let path = self.path
        let bytes: [UInt8]
        switch ConcernFile.read(path) {
        case .missing:
            try report("no concerns recorded (\(path) does not exist)")
            return
        case .failed(let code):
            Console.error("safepost: cannot read the record of concern \(path): \(String(cString: strerror(code)))")
            throw ExitCode(ExitStatus.error)
        case .contents(let contents):
            bytes = contents
        }

        var entries: [ConcernEntry] = []
        var malformed = 0
        for (number, line) in ConcernFile.lines(bytes) {
            do {
                entries.append(try ConcernEntry(line: number, bytes: line))
            } catch {
                malformed += 1
                Console.error("safepost: \(path):\(number): not a readable entry: \(error.message)")
            }
        }

        if json {
            for entry in entries { try Output.line(entry.bytes) }
        } else if entries.isEmpty {
            if malformed == 0 { try report("no concerns recorded (\(path) is empty)") }
        } else {
            try Output.text(ConcernEntry.render(entries, path: path))
        }
        if malformed > 0 {
            Console.error("safepost: \(malformed) line\(malformed == 1 ? "" : "s") of \(path) could not be read; the other \(entries.count) entr\(entries.count == 1 ? "y is" : "ies are") listed")
            throw ExitCode(ExitStatus.error)
        }
    }

    /// A note that is not an entry: on standard output for the readable listing, on standard error
    /// with --json so that the output stays JSON lines.
    private func report(_ message: String) throws {
        if json { Console.error("safepost: \(message)") } else { try Output.text(message + "\n") }
    }
}

/// Reading the record of concern file.
enum ConcernFile {
    enum Outcome {
        case missing
        case failed(Int32)
        case contents([UInt8])
    }

    /// The whole file, `missing` when there is no such file, or the errno that stopped reading it.
    static func read(_ path: String) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? .missing : .failed(errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                out.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                return .contents(out)
            } else if errno != EINTR {
                return .failed(errno)
            }
        }
    }

    /// Non-blank lines with their 1-based numbers, without line endings.
    static func lines(_ bytes: [UInt8]) -> [(Int, ArraySlice<UInt8>)] {
        var result: [(Int, ArraySlice<UInt8>)] = []
        var number = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            number += 1
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            start = end + 1
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { result.append((number, line)) }
        }
        return result
    }
}

/// One entry of the record of concern:
/// `{"time","id","channel","author":{"name","role"},"categories":[…],"rules":[…],"redacted"}`.
/// `time`, `categories`, `rules` and `redacted` are required; the others may be absent or null;
/// other keys are ignored.
struct ConcernEntry {
    let line: Int
    let bytes: [UInt8]
    let time: String
    let timestamp: Timestamp
    let id: String?
    let channel: String?
    let authorName: String?
    let authorRole: String?
    let categories: [String]
    let rules: [String]
    let redacted: String

    init(line: Int, bytes: ArraySlice<UInt8>) throws(WireError) {
        self.line = line
        self.bytes = Array(bytes)
        guard case .object(let fields) = try ResponseDecoder.decodeValue(self.bytes) else {
            throw WireError(code: WireError.invalidFieldCode, message: "an entry must be a JSON object")
        }
        time = try Self.string(fields, "time")
        guard let parsed = TimestampParser.parse(time) else {
            throw WireError.invalidField("time", "is not an ISO 8601 date-time: \(time.debugDescription)")
        }
        timestamp = parsed
        redacted = try Self.string(fields, "redacted")
        categories = try Self.strings(fields, "categories")
        rules = try Self.strings(fields, "rules")
        switch fields["id"] {
        case .string(let s)?: id = s
        case .number(let n)?: id = n
        case nil, .null?: id = nil
        case let other?: throw WireError.invalidField("id", "must be a string, not \(other.typeName)")
        }
        channel = try Self.optionalString(fields, "channel")
        switch fields["author"] {
        case nil, .null?:
            authorName = nil
            authorRole = nil
        case .object(let author)?:
            authorName = try Self.optionalString(author, "name", path: "author.name")
            authorRole = try Self.optionalString(author, "role", path: "author.role")
        case let other?:
            throw WireError.invalidField("author", "must be an object, not \(other.typeName)")
        }
    }

    private static func string(_ fields: [String: JSONValue], _ key: String) throws(WireError) -> String {
        guard let value = fields[key] else { throw WireError.missingField(key) }
        guard case .string(let s) = value else { throw WireError.invalidField(key, "must be a string, not \(value.typeName)") }
        return s
    }

    private static func optionalString(_ fields: [String: JSONValue], _ key: String, path: String? = nil) throws(WireError) -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw WireError.invalidField(path ?? key, "must be a string, not \(other.typeName)")
        }
    }

    private static func strings(_ fields: [String: JSONValue], _ key: String) throws(WireError) -> [String] {
        guard let value = fields[key] else { throw WireError.missingField(key) }
        guard case .array(let items) = value else { throw WireError.invalidField(key, "must be an array, not \(value.typeName)") }
        var list: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let s) = item else {
                throw WireError.invalidField("\(key)[\(index)]", "must be a string, not \(item.typeName)")
            }
            list.append(s)
        }
        return list
    }

    /// The readable listing: a heading, then one block per entry, oldest first (entries with the same
    /// time keep the record's order).
    static func render(_ entries: [ConcernEntry], path: String) -> String {
        let sorted = entries.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }.map(\.element)
        var out = "Record of concern \(path): \(entries.count) entr\(entries.count == 1 ? "y" : "ies"), oldest first\n"
        for entry in sorted {
            out += "\n" + entry.render()
        }
        return out
    }

    /// One block: the time, channel and id, then the author, categories, rules and redacted draft.
    func render() -> String {
        var heading = shown(time)
        heading += "  channel: " + (channel.map(shown) ?? "(not given)")
        if let id { heading += "  id: " + shown(id) }
        let author: String
        switch (authorName, authorRole) {
        case let (name?, role?): author = "\(shown(name)) (\(shown(role)))"
        case let (name?, nil): author = shown(name)
        case let (nil, role?): author = "(no name) (\(shown(role)))"
        case (nil, nil): author = "(not given)"
        }
        var out = heading + "\n"
        out += "  author:     \(author)\n"
        out += "  categories: \(categories.isEmpty ? "(none)" : categories.map(shown).joined(separator: ", "))\n"
        out += "  rules:      \(rules.isEmpty ? "(none)" : rules.map(shown).joined(separator: ", "))\n"
        out += "  redacted:   \(shown(trimmedEnd(redacted)))\n"
        return out
    }
}

/// `text` without trailing spaces and line breaks.
func trimmedEnd(_ text: String) -> String {
    var end = text.endIndex
    while end > text.startIndex, case let c = text[text.index(before: end)], c.isWhitespace || c.isNewline {
        end = text.index(before: end)
    }
    return String(text[..<end])
}

/// Text from the record made safe for a terminal and kept on one line: line breaks as ` ⏎ `, tabs as
/// spaces, other control characters (which could move the cursor or recolour the screen) and
/// bidirectional overrides as U+FFFD.
func shown(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A: out.append(contentsOf: " ⏎ ".unicodeScalars)
        case 0x0D: continue
        case 0x09: out.append(" ")
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
        default: out.append(scalar)
        }
    }
    return String(out)
}
