import SafepostModel
import SafepostWire

/// Reads a labelled corpus in JSON Lines: one request per line plus the label fields `expect`
/// (required array of categories), `may` (optional array of categories) and `note` (optional string).
///
/// Blank lines are skipped; a trailing `\r` and a leading byte-order mark are tolerated. A line that
/// fails is reported as a `CorpusError` and left out; the rest are still read. Errors name the line and
/// the bad value; byte offsets in JSON errors count from the start of that line. A repeated `id` is an
/// error (the first line with it is kept).
public enum CorpusReader {
    static let labelFields: Set<String> = ["expect", "may", "note"]

    /// Reads every line of a JSONL corpus held in memory.
    public static func read(jsonl: [UInt8], source: String) -> (drafts: [LabelledDraft], errors: [CorpusError]) {
        var drafts: [LabelledDraft] = []
        var errors: [CorpusError] = []
        var firstLineOfID: [String: Int] = [:]
        jsonl.withUnsafeBufferPointer { all in
            var lineStart = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var lineNumber = 0
            while lineStart < all.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < all.count, all[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let next = lineEnd + 1
                if lineEnd > lineStart, all[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd])
                lineStart = next
                guard line.contains(where: { !isWhitespace($0) }) else { continue }
                switch parse(line: line, number: lineNumber) {
                case .success(let draft):
                    if let first = firstLineOfID[draft.request.id] {
                        let message = "duplicate id \"\(draft.request.id)\" (first on line \(first))"
                        errors.append(CorpusError(source: source, line: lineNumber, message: message))
                    } else {
                        firstLineOfID[draft.request.id] = lineNumber
                        drafts.append(draft)
                    }
                case .failure(let message):
                    errors.append(CorpusError(source: source, line: lineNumber, message: message.text))
                }
            }
        }
        return (drafts, errors)
    }

    /// Reads every line of a JSONL corpus held as text.
    public static func read(jsonl: String, source: String) -> (drafts: [LabelledDraft], errors: [CorpusError]) {
        read(jsonl: Array(jsonl.utf8), source: source)
    }

    private struct LineFailure: Error { var text: String }

    private static func parse(line: UnsafeBufferPointer<UInt8>, number: Int) -> Result<LabelledDraft, LineFailure> {
        let decoded: (request: ScreeningRequest, captured: [String: JSONValue])
        do {
            decoded = try RequestDecoder.decode(line, capturing: labelFields)
        } catch {
            let prefix = error.id.map { "id \"\($0)\": " } ?? ""
            return .failure(LineFailure(text: prefix + error.message))
        }
        let id = decoded.request.id
        do throws(LineFailure) {
            guard let expectValue = decoded.captured["expect"] else {
                throw LineFailure(text: "id \"\(id)\": missing label field \"expect\"")
            }
            let expect = try categories(expectValue, field: "expect", id: id)
            let may = try decoded.captured["may"].map { v throws(LineFailure) in try categories(v, field: "may", id: id) } ?? []
            var note = ""
            switch decoded.captured["note"] {
            case .string(let text)?: note = text
            case nil, .null?: break
            case let other?: throw LineFailure(text: "id \"\(id)\": label field \"note\" must be a string, not \(other.typeName)")
            }
            return .success(LabelledDraft(request: decoded.request, expect: expect, may: may, note: note, line: number))
        } catch {
            return .failure(error)
        }
    }

    private static func categories(_ value: JSONValue, field: String, id: String) throws(LineFailure) -> Set<Category> {
        switch value {
        case .null: return []
        case .array(let items):
            var result: Set<Category> = []
            for item in items {
                guard case .string(let name) = item else {
                    throw LineFailure(text: "id \"\(id)\": label field \"\(field)\" must hold category names, not \(item.typeName)")
                }
                guard let category = Category(rawValue: name) else {
                    throw LineFailure(text: "id \"\(id)\": unknown category \"\(name)\" in \"\(field)\"")
                }
                result.insert(category)
            }
            return result
        default:
            throw LineFailure(text: "id \"\(id)\": label field \"\(field)\" must be an array, not \(value.typeName)")
        }
    }

    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }
}
