import SafepostModel

/// The names of a draft's attachments are screened too: "oliver_brown_painting.jpg" names a
/// child and "little_acorns_garden.jpg" the setting as surely as the text would. A filename is
/// read as words (extension dropped, `_ - . +` and camelCase steps as spaces) by a second
/// scanner, made on the first draft with a named attachment, with the same author; what its
/// child and setting detectors report becomes a finding on the attachment, and what it names
/// becomes context for the image rules. Camera names ("IMG_2041.jpg") name nothing.
extension Scan {
    mutating func screenAttachmentNames(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) {
        // One entity for all the attachments, whatever their number: the rules' context checks
        // read the entity list once per match.
        var kinds = EntityMask()
        defer { if !kinds.isEmpty { entities.append(Entity(kind: kinds, start: 0, end: 0)) } }
        for attachment in request.attachments {
            guard let filename = attachment.filename, !filename.isEmpty else { continue }
            let words = Self.words(ofFilename: filename)
            guard words.utf8.contains(where: { $0 >= UInt8(ascii: "A") }) else { continue }
            let scanner = attachmentScanner ?? DraftScanner(rules: rules)
            scanner.readsFilenames = true
            attachmentScanner = scanner
            let named = try scanner.namesIn(ScreeningRequest(id: request.id, text: words, author: request.author), now: now)
            for rule in named.rules {
                raw.append(RawFinding(rule: rule, start: 0, end: 0, field: .attachments, match: filename))
            }
            kinds.formUnion(named.kinds)
        }
    }

    /// What the child and setting detectors reported for `request` (rule indexes), and the
    /// kinds of everyone and everything it names. A PCRE2 error is the screening's error.
    mutating func namesIn(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) -> (rules: [Int32], kinds: EntityMask) {
        _ = try screen(request, now: now)
        let reported = raw.filter {
            let detector = rules.rules[Int($0.rule)].detector
            return detector == .childName || detector == .settingName
        }.map(\.rule)
        return (reported, entities.reduce(into: EntityMask()) { $0.formUnion($1.kind) })
    }

    /// "little_acorns-garden.2026.jpg" → "little acorns garden 2026"; "OliverBrown.png" →
    /// "Oliver Brown". A path's folders are dropped.
    static func words(ofFilename filename: String) -> String {
        var name = Substring(filename)
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 6 { name = name[..<dot] }
        var out = ""
        var previous: Character = " "
        for c in name {
            if "_-.+~()[]".contains(c) {
                out.append(" ")
            } else {
                if c.isUppercase && previous.isLowercase { out.append(" ") }
                out.append(c)
            }
            previous = c
        }
        return out
    }
}
