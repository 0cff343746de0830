import SafepostModel
import SafepostText

/// Where an approved marker's first word starts in its normalised form, and the key the word
/// pass gives that word: the marker is looked for only where a draft has that word.
struct MarkerStart: Sendable {
    /// Bytes of the form before its first word ("#" of "#hollybushmayfair2026").
    var offset: Int
    /// The first word's key, as `WordScanner` reads it: letters and digits, with apostrophes
    /// inside ("o'clock", not a possessive "'s"); a word mixing letters and digits is read as
    /// leetspeak ("#summerfair2027" → "summerfairzozt"). Empty when the form has no word.
    var key: [UInt8]

    init(form: [UInt8]) {
        var start = 0
        while start < form.count && !isWordByte(form[start]) { start += 1 }
        var end = start
        while end < form.count {
            if isWordByte(form[end]) { end += 1; continue }
            // "can't": an apostrophe before a letter, but not a possessive 's ("Olly's").
            if form[end] == UInt8(ascii: "'"), end + 1 < form.count, isLetter(form[end + 1]),
               !(form[end + 1] == UInt8(ascii: "s") && (end + 2 == form.count || !isWordByte(form[end + 2]))) {
                end += 1
                continue
            }
            break
        }
        offset = start
        key = Array(Tokenizer.key(of: String(decoding: form[start..<end], as: UTF8.self)).utf8)
    }
}

extension WordClass {
    /// The first word of an approved marker (approved.csv); derived, not listed.
    static let markerStart = WordClass(rawValue: 1 << 16)
}

extension SettingReader {
    /// An approved marker that starts at word `t` (whose entry is some marker's first word):
    /// an occurrence of a marker names the setting, live or expired ("Throwback to the
    /// #HollybushMayFair2026" after it expired); a live one still exempts the draft's
    /// setting-name findings (`Scan.markerIsLive`). The longest marker there is one mention,
    /// and the mentions found inside it go (`#StonhamAspalFair` is one mention, not two).
    mutating func readMarker(at t: Token, _ tz: Tokenizer, _ text: SearchText, _ rules: RuleSet) {
        let key = tz.key(t)
        let hay = text.bytes
        var found: (start: Int, end: Int)?
        for (k, marker) in rules.markerStarts.enumerated() where marker.key.count == key.count && marker.key.elementsEqual(key) {
            let form = rules.markerForms[k]
            let start = Int(t.start) - marker.offset
            let end = start + form.count
            guard start >= 0, end <= hay.count, hay[start..<end].elementsEqual(form) else { continue }
            let before = start == 0 || !isWordByte(hay[start - 1]) || !isWordByte(form[0])
            let after = end == hay.count || !isWordByte(hay[end]) || !isWordByte(form[form.count - 1])
            guard before && after, end - start > (found.map { $0.end - $0.start } ?? 0) else { continue }
            found = (start, end)
        }
        guard let (start, end) = found else { return }
        mentions.removeAll { Int($0.start) >= start && Int($0.end) <= end }
        mentions.append(SettingMention(start: Int32(start), end: Int32(end)))
    }
}

extension Scan {
    /// True when a live approved marker appears in the draft (matched on the normalised text).
    func markerIsLive(_ request: ScreeningRequest, now: Timestamp) -> Bool {
        let when = request.sentAt ?? now
        let zone = rules.policy.workingHours?.zone ?? .utc
        let today = zone.localDate(when)
        for (i, marker) in rules.markers.enumerated() where today <= marker.expires {
            if contains(rules.markerForms[i]) { return true }
        }
        return false
    }

    private func contains(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= text.count else { return false }
        let hay = text.bytes
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<i + needle.count].elementsEqual(needle) {
                let before = i == 0 || !isWordByte(hay[i - 1]) || !isWordByte(first)
                let after = i + needle.count == hay.count || !isWordByte(hay[i + needle.count]) || !isWordByte(needle[needle.count - 1])
                if before && after { return true }
            }
            i += 1
        }
        return false
    }
}
