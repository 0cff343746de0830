import Logging
import SafepostRules

extension Diagnostic {
    /// The diagnostic as the daemon logs it: its place, level and message with every quoted
    /// part left out. A message may quote roster names ("child "…" is not in children.csv") or
    /// a rule example filled in with them, and logs never carry names; `safepost rules check`
    /// and the reload endpoint's answer give the whole message to whoever asked.
    var logLine: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(level.rawValue): \(Self.withoutQuotedParts(message))"
    }

    /// Logs the diagnostic at its own level (a warning is not an error).
    func log(to logger: Logger) {
        switch level {
        case .error: logger.error("\(logLine)")
        case .warning: logger.warning("\(logLine)")
        }
    }

    /// `message` with each double-quoted part replaced by `"…"` (control characters, which could
    /// forge a log line, are already escapes: `Diagnostic.init`).
    static func withoutQuotedParts(_ message: String) -> String {
        var out = ""
        var quoted = false
        for character in message {
            if character == "\"" {
                out.append(quoted ? "…\"" : "\"")
                quoted.toggle()
            } else if !quoted {
                out.append(character)
            }
        }
        if quoted { out.append("…") }
        return out
    }
}
