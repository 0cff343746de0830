/// Ready-made, deterministic workloads shared by the benchmark suites and `safepost-bench`.
///
/// Each workload draws from its own sub-stream of the seed, so adding a workload or
/// changing one leaves the others byte-identical.
public enum Workload {
    public static let defaultSeed: UInt64 = 20_261_126

    /// Share of short drafts and emails written to breach the policy.
    public static let shortDraftBreachRate = 0.03
    public static let emailBreachRate = 0.05

    /// `count` chat/social posts of about 150 bytes; about 3 % breach the policy.
    public static func shortDrafts(count: Int, names: NameSource, seed: UInt64 = defaultSeed) -> [Draft] {
        var generator = DraftGenerator(names: names, seed: SeededRandom.seed(seed, "short"))
        return (0..<count).map { _ in generator.shortDraft(breachRate: shortDraftBreachRate) }
    }

    /// `count` emails of about 4 KB with a subject; about 5 % breach the policy.
    public static func emails(count: Int, names: NameSource, seed: UInt64 = defaultSeed) -> [Draft] {
        var generator = DraftGenerator(names: names, seed: SeededRandom.seed(seed, "email"))
        return (0..<count).map { _ in generator.email(breachRate: emailBreachRate) }
    }

    /// One clean text of exactly `bytes` UTF-8 bytes.
    public static func longCleanText(bytes: Int, names: NameSource, seed: UInt64 = defaultSeed) -> String {
        var generator = DraftGenerator(names: names, seed: SeededRandom.seed(seed, "long"))
        return generator.longCleanText(bytes: bytes)
    }

    /// A short hash of drafts (FNV-1a over subjects and texts): equal hashes, equal workload.
    public static func fingerprint(_ drafts: [Draft]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for draft in drafts {
            for byte in (draft.subject ?? "").utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            h = (h ^ 0xFF) &* 0x0000_0100_0000_01b3
            for byte in draft.text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            h = (h ^ 0xFE) &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
