/// A problem in the Rules folder, located by file and line so a manager can fix it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable { case error, warning }

    public var level: Level
    public var file: String
    public var line: Int?
    public var message: String

    public init(_ level: Level = .error, file: String, line: Int? = nil, _ message: String) {
        self.level = level
        self.file = file.escapingControlCharacters()
        self.line = line
        self.message = message.escapingControlCharacters()
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(level.rawValue): \(message)"
    }
}

/// Loading failed: every error found, not just the first.
public struct RulesError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a folder is read.
struct DiagnosticLog {
    var all: [Diagnostic] = []

    var hasErrors: Bool { all.contains { $0.level == .error } }

    mutating func error(_ file: String, _ line: Int?, _ message: String) {
        all.append(Diagnostic(.error, file: file, line: line, message))
    }

    mutating func warning(_ file: String, _ line: Int?, _ message: String) {
        all.append(Diagnostic(.warning, file: file, line: line, message))
    }
}

extension String {
    /// The text with control and invisible format characters written as escapes (`\r`, `\n`,
    /// `\t`, `\u{200B}`), so that a diagnostic shows what a file holds and a carriage return
    /// or a bidi override in it cannot move the cursor or forge a line on a terminal or in a log.
    func escapingControlCharacters() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator:
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
