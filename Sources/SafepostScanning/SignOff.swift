import SafepostText

/// An author signing their own draft with their given name ("Thank you all, Siobhán (Chair)",
/// "Thanks, Grace x"): that name is the author's, not a child's who shares it.
extension NameReader {
    /// Whether some mention stands where a signature does: last on its line (after it only
    /// spaces, punctuation, kisses, emoji or a part in brackets) and after a comma, a dash, a
    /// line break or nothing. Read before the author is looked up: most drafts have none.
    func mayHoldSignOff(_ text: SearchText) -> Bool {
        mentions.contains { $0.kind == .child && Self.isSignOff($0, text.bytes) }
    }

    /// Drops the child mentions that are the author's given name (`given`, as the search text
    /// folds it) written as a signature.
    mutating func dropSignOff(given: [UInt8], _ text: SearchText) {
        guard !given.isEmpty else { return }
        let bytes = text.bytes
        mentions.removeAll { m in
            m.kind == .child && Int(m.end - m.start) == given.count
                && bytes[Int(m.start)..<Int(m.end)].elementsEqual(given) && Self.isSignOff(m, bytes)
        }
    }

    private static func isSignOff(_ m: PersonMention, _ bytes: [UInt8]) -> Bool {
        // Before it first: most names stand after a word, and the rest of the line is not read.
        var j = Int(m.start) - 1
        while j >= 0 && bytes[j] == space { j -= 1 }
        guard j < 0 || bytes[j] == comma || bytes[j] == newline || bytes[j] == dash else { return false }
        var k = Int(m.end)
        var inBrackets = false
        while k < bytes.count && bytes[k] != newline {
            let b = bytes[k]
            if b == openBracket { inBrackets = true } else if b == closeBracket { inBrackets = false }
            // Letters only in brackets, or kisses ("x", "xx").
            else if !inBrackets && isWordByte(b) && b != UInt8(ascii: "x") { return false }
            k += 1
        }
        return true
    }
}

private let newline = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let comma = UInt8(ascii: ",")
private let dash = UInt8(ascii: "-")
private let openBracket = UInt8(ascii: "(")
private let closeBracket = UInt8(ascii: ")")
