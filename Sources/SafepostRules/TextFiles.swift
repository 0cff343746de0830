/// A line of a text file with its 1-based number, comments and surrounding space removed.
struct NumberedLine {
    var number: Int
    var text: String
}

enum TextFiles {
    /// Splits a file into non-empty lines, dropping `#` comments (a `#` that starts the line or
    /// follows a space; "#Hashtag" inside a value stays).
    static func lines(_ content: String, stripComments: Bool = true) -> [NumberedLine] {
        var result: [NumberedLine] = []
        for (index, raw) in rawLines(content).enumerated() {
            var line = raw
            if stripComments, let cut = commentStart(line) { line = line[..<cut] }
            let trimmed = line.trimmingWhitespace()
            if !trimmed.isEmpty { result.append(NumberedLine(number: index + 1, text: String(trimmed))) }
        }
        return result
    }

    /// The file's lines without their endings: LF or CRLF (a spreadsheet on Windows writes CRLF),
    /// and without a leading UTF-8 byte order mark.
    ///
    /// Splits on Unicode scalars: Swift reads "\r\n" as one `Character`, so splitting the
    /// characters on "\n" would leave a CRLF file as a single line.
    static func rawLines(_ content: String) -> [Substring] {
        content.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, scalars in
            var line = scalars
            if line.last == "\r" { line = line.dropLast() }
            if index == 0 && line.first == "\u{FEFF}" { line = line.dropFirst() }
            return Substring(String(line))
        }
    }

    private static func commentStart(_ line: Substring) -> Substring.Index? {
        var previous: Character = " "
        for i in line.indices {
            if line[i] == "#" && (previous == " " || previous == "\t") { return i }
            previous = line[i]
        }
        return nil
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}

extension String {
    func trimmingWhitespace() -> String { String(Substring(self).trimmingWhitespace()) }
}

/// A small CSV reader: commas, double-quoted fields with "" escapes, a header row.
enum CSV {
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// Parses rows, checking the header is exactly `header`; reports problems to `log`.
    /// Nil when the file fails as a whole (empty, or a wrong header), so that callers can
    /// skip checks that would only repeat that one error.
    static func read(_ content: String, file: String, header: [String], log: inout DiagnosticLog) -> [Row]? {
        var rows: [Row] = []
        for (index, raw) in TextFiles.rawLines(content).enumerated() {
            let line = String(raw)
            if line.trimmingWhitespace().isEmpty { continue }
            guard let fields = split(line) else {
                log.error(file, index + 1, "unbalanced double quote")
                continue
            }
            rows.append(Row(line: index + 1, fields: fields.map { $0.trimmingWhitespace() }))
        }
        guard let first = rows.first else {
            log.error(file, nil, "empty file: expected the header \"\(header.joined(separator: ","))\"")
            return nil
        }
        if first.fields.map({ $0.lowercased() }) != header {
            log.error(file, first.line, "expected the header \"\(header.joined(separator: ","))\", found \"\(first.fields.joined(separator: ","))\"")
            return nil
        }
        for row in rows.dropFirst() where row.fields.count != header.count {
            log.error(file, row.line, "expected \(header.count) fields (\(header.joined(separator: ","))), found \(row.fields.count)")
        }
        return rows.dropFirst().filter { $0.fields.count == header.count }
    }

    private static func split(_ line: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { current.append("\"") } else { quoted = false; pending = n }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" && current.trimmingWhitespace().isEmpty {
                quoted = true
                current = ""
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if quoted { return nil }
        fields.append(current)
        return fields
    }
}
