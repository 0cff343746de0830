import SafepostMatching
import SafepostModel
import SafepostText

/// A scanning failure that must never be read as a clean verdict.
public struct ScanError: Error, Sendable, CustomStringConvertible {
    public var rule: String
    public var underlying: MatchError

    public var description: String { "rule \(rule): PCRE2 error \(underlying.code): \(underlying.message)" }
}

/// Something a draft refers to, in normalised byte offsets.
struct Entity {
    var kind: EntityMask
    var start: Int32
    var end: Int32
    /// The rule that marked it, or -1 for the built-in name and setting readers.
    var rule: Int32 = -1
}

/// An author as the roster knows them.
struct KnownAuthor {
    var children = Set<Int32>()
    /// The author's own entries in the roster (a carer's, a member of staff's).
    var selves = Set<Int32>()
    var role: Role?
    /// The author's given name as the search text reads it (`NameReader.dropSignOff`).
    var givenKey: [UInt8] = []
}

/// A rule with a built-in detector, as `runDetectors` reads it.
struct DetectorEntry {
    var rule: Int32
    var detector: Detector
    var roles: RoleMask
    /// Kinds of which the draft must name one (`with`), for the image detector.
    var with: EntityMask
}

/// A finding before it is mapped back to the original text.
struct RawFinding {
    var rule: Int32
    var start: Int32
    var end: Int32
    var field: Field
    var match: String?
}

/// Screens drafts against one `RuleSet`. Holds per-thread scratch buffers, so it is not
/// thread-safe: give each thread or connection its own scanner and share the `RuleSet`.
public final class DraftScanner {
    public var rules: RuleSet { scan.rules }
    /// Everything a screening reads and writes, as one value: the scan works on it in place,
    /// so touching its buffers costs no per-access exclusivity check as a class's properties do.
    /// The one access per screening is not checked at run time either: a scanner belongs to
    /// one thread, and nothing re-enters it while it screens.
    @exclusivity(unchecked) private var scan: Scan

    /// When false, patterns with leading words search the whole text instead of running at
    /// those words: slower, and the same findings. A reference for testing the prefilter.
    public var usesLeadingWords: Bool {
        get { scan.usesLeadingWords }
        set { scan.usesLeadingWords = newValue }
    }

    public init(rules: RuleSet) {
        scan = Scan(rules: rules)
    }

    /// Whether the scanner reads the words of attachments' filenames (`screenAttachmentNames`),
    /// where the setting's words in small letters are its name.
    var readsFilenames: Bool {
        get { scan.setting.readsFilenames }
        set { scan.setting.readsFilenames = newValue }
    }

    /// Screens one request. `now` decides whether approved markers are still live when the
    /// request carries no `sent_at`.
    public func screen(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) -> ScreeningResult {
        try scan.screen(request, now: now)
    }

    /// Rule `rule`'s PCRE2 pattern runs on this scanner so far, the attachment names' included
    /// (an index into `rules.rules`; see `RuleCostReport`).
    func patternRuns(ofRule rule: Int) -> Int {
        scan.patternRuns[rule] + (scan.attachmentScanner?.patternRuns(ofRule: rule) ?? 0)
    }

    /// See `Scan.namesIn`: for the names of attachments.
    func namesIn(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) -> (rules: [Int32], kinds: EntityMask) {
        try scan.namesIn(request, now: now)
    }

    /// Screens a request and returns the ids of every rule that matched it, including rules
    /// that only mark context and rules whose category the policy switches off. Used to check
    /// rule examples when the rules load.
    public func matchedRuleIDs(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) -> Set<String> {
        try scan.matchedRuleIDs(request, now: now)
    }
}

/// The state of one scanner and the steps of a screening (see `DraftScanner`).
struct Scan {
    let rules: RuleSet
    var text = SearchText()
    var tokenizer = Tokenizer()
    var names = NameReader()
    var setting = SettingReader()
    let scratch = MatchScratch()
    /// Per rule: its PCRE2 pattern runs on this scanner so far (see `PatternRunCounts`).
    let patternRuns: PatternRunCounts
    var combined: [UInt8] = []
    var entities: [Entity] = []
    var raw: [RawFinding] = []
    var windows = WindowPlanner()
    /// Per rule: where its last anchored match ended (leading words before it are skipped).
    var anchoredUpTo: [Int32]
    /// The rules whose `anchoredUpTo` is set (the ones to forget before the next draft's anchors).
    var anchoredRules = PlanList<Int32>()
    /// Kinds of the entities found so far, once the marking rules have run.
    var presentKinds = EntityMask()
    var entityIndex = EntityIndex()
    var currentRole: Role = .staff
    private var authorCache: [String: KnownAuthor] = [:]
    /// Screens the names of attachments (`screenAttachmentNames`); made on first use.
    var attachmentScanner: DraftScanner?
    /// The rules with a detector, in file order, with what `runDetectors` reads of them:
    /// read from here, a screening copies no `Rule` (a dozen references to retain and release).
    let detectors: [DetectorEntry]
    /// The policy's action per category, indexed by `Category.ordinal` (nil: switched off):
    /// one array read per finding where `RuleSet.action(for:)` hashes into a dictionary.
    let actionByCategory: [Severity?]
    /// Run context rules even when nothing needs them (to check their examples).
    var runsAllContext = false
    var usesLeadingWords = true

    init(rules: RuleSet) {
        self.rules = rules
        anchoredUpTo = Array(repeating: -1, count: rules.rules.count)
        patternRuns = PatternRunCounts(ruleCount: rules.rules.count)
        detectors = rules.detectorRules.compactMap { r in
            rules.rules[Int(r)].detector.map { DetectorEntry(rule: r, detector: $0, roles: rules.plans.buffer[Int(r)].roles, with: rules.plans.buffer[Int(r)].with) }
        }
        windows.reset(ruleCount: rules.rules.count)
        actionByCategory = Category.allCases.map { rules.action(for: $0) }
    }

    mutating func screen(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) -> ScreeningResult {
        let textOffset = loadText(request)
        tokenizer.tokenize(text, rules: rules)
        // The roster is asked only for what the request leaves out: its role when it gives none
        // (most requests give one), and the author's own children when a child is mentioned
        // (`runDetectors`). A request with a role and no mention pays no lookup and no copy.
        let role = request.author?.role ?? knownAuthor(request.author).role ?? .staff
        currentRole = role
        // Tested for emptiness first: `contains` on the empty array retained it.
        let hasImage = !request.attachments.isEmpty && request.attachments.contains { $0.isImage }
        raw.clear()
        try scanTokenizedText(request, role: role, hasImage: hasImage, now: now)
        if tokenizer.hasHiddenControls {
            return try screenAgainWithoutHiddenControls(request, firstReading: mappedFindings(request, textOffset: textOffset),
                                                        role: role, hasImage: hasImage, now: now)
        }
        return assemble(request, textOffset: textOffset)
    }

    /// Reads the loaded, tokenized text and appends what it finds to `raw`: names and the
    /// setting's name, the pattern rules, attachment names and the detectors.
    mutating func scanTokenizedText(_ request: ScreeningRequest, role: Role, hasImage: Bool, now: Timestamp) throws(ScanError) {
        entities.clear()
        names.read(tokenizer.tokens, tokenizer, rules, text: text)
        setting.read(text, tokenizer, rules)
        // A name inside the setting's name is the setting's ("Wren's Nest Playgroup", "Noah's Ark").
        if !setting.mentions.isEmpty && !names.mentions.isEmpty { names.dropMentions(inside: setting.mentions) }
        if !setting.namesakes.isEmpty && !names.mentions.isEmpty { names.dropMentions(inside: setting.namesakes) }
        // "Thanks, Grace x" from Grace: her own name, not a child's.
        if !names.mentions.isEmpty && request.author != nil && names.mayHoldSignOff(text) {
            names.dropSignOff(given: knownAuthor(request.author).givenKey, text)
        }
        for m in names.mentions where role.isStaffLike || !m.byFamilyName {
            entities.append(Entity(kind: EntityMask(m.kind.entityKind), start: m.start, end: m.end))
        }
        for m in setting.mentions { entities.append(Entity(kind: settingMask, start: m.start, end: m.end)) }

        try runPatternRules(role: role, hasImage: hasImage)
        if !role.isStaffLike && !raw.isEmpty && !names.mentions.isEmpty {
            dropOwnFamilysPersonalNews(knownAuthor(request.author))
        }
        if !request.attachments.isEmpty { try screenAttachmentNames(request, now: now) }
        // Each detector reports only from a name or setting mention, a sent_at or an image:
        // most drafts have none of these, and the detectors are not called for them.
        if !names.mentions.isEmpty || !setting.mentions.isEmpty || request.sentAt != nil || hasImage {
            runDetectors(request, role: role, hasImage: hasImage)
        }
        if raw.contains(where: { rules.rules[Int($0.rule)].category == .settingName }) && markerIsLive(request, now: now) {
            raw.removeAll { rules.rules[Int($0.rule)].category == .settingName }
        }
    }

    mutating func matchedRuleIDs(_ request: ScreeningRequest, now: Timestamp) throws(ScanError) -> Set<String> {
        runsAllContext = true
        defer { runsAllContext = false }
        _ = try screen(request, now: now)
        var ids = Set(raw.map { rules.rules[Int($0.rule)].id })
        for e in entities where e.rule >= 0 { ids.insert(rules.rules[Int(e.rule)].id) }
        return ids
    }

    /// Loads subject and text as one search text ("subject\n\ntext"), returning where the text starts.
    mutating func loadText(_ request: ScreeningRequest, droppingControls: Bool = false) -> Int {
        if request.subject?.isEmpty ?? true {
            // No subject, most drafts: normalise straight from the string's own bytes.
            var loaded = false
            request.text.utf8.withContiguousStorageIfAvailable { text.load($0, droppingControls: droppingControls); loaded = true }
            if loaded { return 0 }
        }
        combined.clear()
        var offset = 0
        if let subject = request.subject, !subject.isEmpty {
            combined.append(contentsOf: subject.utf8)
            combined.append(contentsOf: [0x0A, 0x0A])
            offset = combined.count
        }
        combined.append(contentsOf: request.text.utf8)
        combined.withUnsafeBufferPointer { text.load($0, droppingControls: droppingControls) }
        return offset
    }

    /// What the roster says of an author: the children linked to them in carers.csv (whom
    /// they may mention), and their role when the request gives none (staff.csv → staff,
    /// carers.csv → parent), as when a mail's From: names them. Cached per scanner: the same
    /// authors write again and again.
    private mutating func knownAuthor(_ author: Author?) -> KnownAuthor {
        guard let name = author?.name, !name.isEmpty else { return KnownAuthor() }
        if let known = authorCache[name] { return known }
        if authorCache.count >= 4096 { authorCache.removeAll(keepingCapacity: true) }
        var key = Person.fullNameKey(of: name)
        // "Prof. Vikram Iyer", "Mrs Jenna Thorne": carers.csv lists people without titles.
        if rules.names.byFullName[key] == nil, let untitled = Person.withoutTitle(key) { key = untitled }
        var result = KnownAuthor()
        if let given = key.split(separator: " ").first {
            var folded = SearchText()
            folded.load(String(given))
            result.givenKey = Array(folded.bytes)
        }
        for index in rules.names.byFullName[key] ?? [] {
            let person = rules.names.people[Int(index)]
            result.selves.insert(index)
            result.children.formUnion(person.children)
            if person.kind == .staff {
                result.role = .staff
            } else if person.kind == .carer && result.role == nil {
                result.role = .parent
            }
        }
        authorCache[name] = result
        return result
    }

    /// Drops the personal-info findings that are a parent's news of their own child or family,
    /// told with them as its subject: "Hamza has been diagnosed with autism", "Noor's got
    /// chickenpox", "The Murphys are moving to Dundalk" (only "has", "is", "are", "been", "got"
    /// and the like between the name and the finding). News of someone else beside their child
    /// stays ("our Bea at nursery lives on our street", of her key person).
    private mutating func dropOwnFamilysPersonalNews(_ author: KnownAuthor) {
        guard !author.children.isEmpty || !author.selves.isEmpty else { return }
        // Where the mentions of their own child or family end, in order: each finding looks only
        // at those ending in the 40 bytes before it (a long draft has many of both).
        let ends = names.mentions.filter { isOwnChild($0, author.children) || isSelf($0, author.selves) }.map(\.end).sorted()
        guard !ends.isEmpty else { return }
        let rules = self.rules, bytes = text.bytes
        raw.removeAll { f in
            guard f.field == .text, rules.rules[Int(f.rule)].category == .personalInfo else { return false }
            // The first end at or after 40 bytes before the finding (binary search).
            var k = 0, high = ends.count
            while k < high {
                let mid = (k + high) / 2
                if ends[mid] < f.start - 40 { k = mid + 1 } else { high = mid }
            }
            while k < ends.count && ends[k] <= f.start {
                if isOnlyAuxiliaries(bytes[Int(ends[k])..<Int(f.start)]) { return true }
                k += 1
            }
            return false
        }
    }

    /// Whether mention `m` is of the author's own child (`own`, from carers.csv): a child
    /// mention one of whose people is theirs. A given name several children share ("Muhammad")
    /// is, in their own post, their own child's.
    func isOwnChild(_ m: PersonMention, _ own: Set<Int32>) -> Bool {
        m.kind == .child && !own.isEmpty && names.people(of: m).contains { own.contains($0) }
    }

    /// Whether mention `m` names the author among grown-ups ("The Murphys", by a Murphy).
    func isSelf(_ m: PersonMention, _ selves: Set<Int32>) -> Bool {
        m.kind != .child && !selves.isEmpty && names.people(of: m).contains { selves.contains($0) }
    }

    /// Runs the built-in detectors (`screen` calls it only when one of them can report).
    private mutating func runDetectors(_ request: ScreeningRequest, role: Role, hasImage: Bool) {
        let roleBit = RoleMask(role)
        for entry in detectors {
            let r = entry.rule
            guard entry.roles.contains(roleBit) else { continue }
            switch entry.detector {
            case .childName:
                guard names.mentions.contains(where: { $0.kind == .child }) else { continue }
                // A parent or committee member may mention the children linked to them (see
                // `knownAuthor`); a member of staff may not, even one whose child attends:
                // writing as staff, they are under the staff rules.
                let own = role.isStaffLike ? [] : knownAuthor(request.author).children
                for m in names.mentions where m.kind == .child && !isOwnChild(m, own) && (role.isStaffLike || !m.byFamilyName) {
                    raw.append(RawFinding(rule: r, start: m.start, end: m.end, field: .text))
                }
            case .settingName:
                for m in setting.mentions {
                    raw.append(RawFinding(rule: r, start: m.start, end: m.end, field: .text))
                }
            case .carerHandle, .staffHandle:
                // A carer's (or staff member's) mention right after an "@": only then is the
                // handle's text read.
                let kind: PersonKind = entry.detector == .carerHandle ? .carer : .staff
                for m in names.mentions where m.kind == kind && m.start > 0 && text.bytes[Int(m.start) - 1] == UInt8(ascii: "@") {
                    if let end = nameHandleEnd(m) { raw.append(RawFinding(rule: r, start: m.start - 1, end: end, field: .text)) }
                }
            case .workingHours:
                if let sentAt = request.sentAt, let hours = rules.policy.workingHours, hours.contains(sentAt) {
                    raw.append(RawFinding(rule: r, start: 0, end: 0, field: .sentAt, match: ""))
                }
            case .imageAttachment:
                let with = entry.with
                guard hasImage, with.isEmpty || hasEntity(with) else { continue }
                let image = request.attachments.first { $0.isImage }
                raw.append(RawFinding(rule: r, start: 0, end: 0, field: .attachments, match: image?.filename ?? image?.contentType ?? ""))
            }
        }
    }
}

private let settingMask = EntityMask(.setting)

/// Words that may stand between a child's name and what is said of them when the child is the
/// subject ("Hamza has just been diagnosed", "Noor's got").
private let auxiliaryWords: Set<ArraySlice<UInt8>> = Set([
    "has", "have", "had", "been", "is", "was", "got", "gotten", "just", "now", "finally", "officially", "recently",
    "also", "being", "today", "'s", "are", "were",
].map { ArraySlice($0.utf8) })

/// Whether `gap` (search-text bytes) is only spaces and auxiliary words, or a possessive "'s"
/// then those ("'s been").
func isOnlyAuxiliaries(_ gap: ArraySlice<UInt8>) -> Bool {
    var rest = gap
    if rest.starts(with: "'s".utf8) { rest = rest.dropFirst(2) }
    for word in rest.split(separator: UInt8(ascii: " ")) where !auxiliaryWords.contains(word) { return false }
    return true
}

extension Scan {
    /// True if the draft refers to an entity of one of these kinds.
    func hasEntity(_ kinds: EntityMask) -> Bool {
        entities.contains { !$0.kind.isDisjoint(with: kinds) }
    }
}

extension PersonKind {
    var entityKind: EntityKind {
        switch self {
        case .child: .child
        case .staff: .staff
        case .carer: .carer
        }
    }
}
