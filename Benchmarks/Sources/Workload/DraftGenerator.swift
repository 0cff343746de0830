/// One generated draft: what a client would send for screening.
public struct Draft: Sendable, Equatable {
    public var text: String
    public var subject: String?
    /// What the generator meant the draft to breach, or nil for a clean draft.
    public var breach: BreachKind?

    public init(text: String, subject: String? = nil, breach: BreachKind? = nil) {
        self.text = text
        self.subject = subject
        self.breach = breach
    }

    /// UTF-8 bytes the scanner reads (subject and text).
    public var byteCount: Int { text.utf8.count + (subject?.utf8.count ?? 0) }
}

/// Generates realistic British English load from a seed: short chat/social posts, emails
/// of about 4 KB and long clean text. Breaching drafts name the setting and people of `names`.
///
/// The same names, seed and calls give the same drafts, byte for byte, on every run.
public struct DraftGenerator {
    public let names: NameSource
    private var random: SeededRandom

    public init(names: NameSource, seed: UInt64) {
        self.names = names
        self.random = SeededRandom(seed: seed)
    }

    /// A chat or social post of about `targetBytes` (one to three sentences, 110–190 bytes
    /// for the default), breaching the policy with probability `breachRate`.
    public mutating func shortDraft(breachRate: Double, targetBytes: ClosedRange<Int> = 110...190) -> Draft {
        let target = random.int(in: targetBytes)
        let breach = random.chance(breachRate) ? random.pick(Phrases.breaches) : nil
        var sentences: [String] = []
        var length = 0
        if let breach {
            let s = fill(breach.1)
            sentences.append(s)
            length = s.utf8.count
        }
        var attempts = 0
        while length < target - 25 && attempts < 12 {
            attempts += 1
            let s = fill(random.pick(Phrases.chat))
            if length > 0 && length + 1 + s.utf8.count > target + 25 { continue }
            sentences.insert(s, at: random.below(sentences.count + 1))
            length += (length > 0 ? 1 : 0) + s.utf8.count
        }
        return Draft(text: sentences.joined(separator: " "), breach: breach?.0)
    }

    /// An email of about `targetBytes` of body (greeting, paragraphs, sign-off) with a subject,
    /// breaching the policy in one sentence with probability `breachRate`.
    public mutating func email(breachRate: Double, targetBytes: Int = 4_000) -> Draft {
        let breach = random.chance(breachRate) ? random.pick(Phrases.breaches) : nil
        var body = fill(random.pick(Phrases.greetings)) + "\n\n"
        let signOff = "\n\n" + fill(random.pick(Phrases.signOffs))
        let bodyTarget = targetBytes - signOff.utf8.count
        let breachAt = breach == nil ? -1 : bodyTarget / 3 + random.below(bodyTarget / 3)
        var breachDone = false
        while body.utf8.count < bodyTarget - 60 {
            var paragraph: [String] = []
            for _ in 0..<random.int(in: 2...5) {
                if let breach, !breachDone, body.utf8.count >= breachAt {
                    paragraph.append(fill(breach.1))
                    breachDone = true
                }
                paragraph.append(fill(random.chance(0.6) ? random.pick(Phrases.letter) : random.pick(Phrases.chat)))
            }
            let text = paragraph.joined(separator: " ")
            if body.utf8.count + text.utf8.count > bodyTarget + 60 && body.utf8.count > bodyTarget / 2 { break }
            body += text + "\n\n"
        }
        if let breach, !breachDone { body += fill(breach.1) + "\n\n" }
        while body.hasSuffix("\n") { body.removeLast() }
        return Draft(text: body + signOff, subject: random.pick(Phrases.subjects), breach: breach?.0)
    }

    /// Clean prose of exactly `bytes` UTF-8 bytes: paragraphs of everyday sentences, no breaches.
    public mutating func longCleanText(bytes: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 512)
        while out.count < bytes {
            let count = random.int(in: 3...7)
            for i in 0..<count {
                if i > 0 { out.append(0x20) }
                out += fill(random.chance(0.6) ? random.pick(Phrases.letter) : random.pick(Phrases.chat)).utf8
            }
            out += [0x0A, 0x0A]
        }
        // Cut at a character boundary, then pad with spaces to the exact size.
        var end = bytes
        while end > 0 && end < out.count && out[end] & 0xC0 == 0x80 { end -= 1 }
        out.removeSubrange(end...)
        out += repeatElement(0x20, count: bytes - end)
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces every `{slot}` of a template.
    private mutating func fill(_ template: String) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            out += value(for: String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    private mutating func value(for slot: String) -> String {
        switch slot {
        case "child":
            return random.pick(names.children).name
        case "childFirst":
            let child = random.pick(names.children)
            return !child.aliases.isEmpty && random.chance(0.3) ? random.pick(child.aliases) : child.firstName
        case "carer":
            return names.carers.isEmpty ? "her mum" : random.pick(names.carers).name
        case "setting":
            return random.pick(names.settingNames)
        case "settingShort":
            // The first two words of the canonical name ("Stonham Aspal"), as people shorten it.
            let words = names.settingNames[0].split(separator: " ")
            return words.prefix(2).joined(separator: " ")
        default:
            guard let values = Phrases.slotValues[slot] else { preconditionFailure("unknown slot {\(slot)}") }
            return random.pick(values)
        }
    }
}
