import Foundation
import SafepostModel
import SafepostScanning
import Workload

/// Screening requests built once from generated drafts and replayed by the benchmarks.
public struct RequestPool: Sendable {
    public let name: String
    public let requests: [ScreeningRequest]
    /// UTF-8 bytes of every request's subject and text.
    public let totalBytes: Int
    /// Drafts the generator wrote to breach the policy.
    public let intendedBreaches: Int
    /// Fingerprint of the drafts (same fingerprint, same workload).
    public let fingerprint: String
    /// Whether each request was written to breach the policy (parallel to `requests`).
    public let intended: [Bool]

    public var count: Int { requests.count }
    public var averageBytes: Double { Double(totalBytes) / Double(max(1, requests.count)) }

    /// Every draft written by a staff member with no name given: the strictest rules.
    public init(name: String, drafts: [Draft], role: Role = .staff) {
        self.name = name
        requests = drafts.enumerated().map { index, draft in
            ScreeningRequest(id: String(index), text: draft.text, subject: draft.subject, author: Author(name: nil, role: role))
        }
        totalBytes = drafts.reduce(0) { $0 + $1.byteCount }
        intended = drafts.map { $0.breach != nil }
        intendedBreaches = intended.filter { $0 }.count
        fingerprint = Workload.fingerprint(drafts)
    }
}

extension RequestPool {
    /// Pool sizes equal the suites' scaling factor (1,000 per iteration), so each iteration
    /// screens the whole pool once and does identical work.
    public static let shortDraftCount = 1_000
    public static let emailCount = 1_000
    /// 1 MB; `SAFEPOST_LONG_BYTES` sets another size, to see what the long text's size costs
    /// by itself (a text whose buffers fit the second-level cache runs faster per byte).
    public static let longTextBytes = Int(ProcessInfo.processInfo.environment["SAFEPOST_LONG_BYTES"] ?? "") ?? 1_000_000

    /// 1,000 short drafts (~150 bytes) naming the fixture's setting and roster.
    public static func shortDrafts(_ fixture: Fixture) -> RequestPool {
        RequestPool(name: "short drafts", drafts: Workload.shortDrafts(count: shortDraftCount, names: fixture.names))
    }

    /// 1,000 emails (~4 KB) naming the fixture's setting and roster.
    public static func emails(_ fixture: Fixture) -> RequestPool {
        RequestPool(name: "emails", drafts: Workload.emails(count: emailCount, names: fixture.names))
    }

    /// One clean text of exactly 1,000,000 bytes.
    public static func longClean(_ fixture: Fixture) -> RequestPool {
        RequestPool(name: "long clean text", drafts: [Draft(text: Workload.longCleanText(bytes: longTextBytes, names: fixture.names))])
    }
}

/// Counts of verdicts over screened requests.
public struct VerdictTally: Sendable, CustomStringConvertible {
    public var allow = 0
    public var review = 0
    public var block = 0
    public var findings = 0

    public init() {}

    public mutating func add(_ result: ScreeningResult) {
        switch result.verdict {
        case .allow: allow += 1
        case .review: review += 1
        case .block: block += 1
        }
        findings += result.findings.count
    }

    public var description: String { "allow \(allow), review \(review), block \(block), findings \(findings)" }
}

/// Replays a pool through one scanner, cycling from where the previous call stopped.
/// Owns its `DraftScanner`, so (like the scanner) it belongs to one thread.
public final class PoolCursor {
    public let pool: RequestPool
    public let scanner: DraftScanner
    private let requestBytes: [Int]
    /// The pool's requests, each behind a class's `let` (see `PooledRequest`).
    private let pooled: [PooledRequest]
    private var next = 0

    public init(pool: RequestPool, ruleSet: RuleSet) {
        self.pool = pool
        self.scanner = DraftScanner(rules: ruleSet)
        self.requestBytes = pool.requests.map { $0.text.utf8.count + ($0.subject?.utf8.count ?? 0) }
        self.pooled = pool.requests.map(PooledRequest.init)
    }

    /// Screens the next `count` requests and returns the bytes screened and the findings
    /// reported (the latter keeps the work observable). A scanning error stops the run:
    /// an engine failure must never pass for a result.
    @inline(never)
    public func screen(_ count: Int) -> (bytes: Int, findings: Int) {
        var findings = 0
        var bytes = 0
        let requests = pooled
        for _ in 0..<count {
            do {
                let pooledRequest = requests[next]
                findings &+= try withExtendedLifetime(pooledRequest) {
                    try scanner.screen(pooledRequest.request, now: Fixtures.now).findings.count
                }
            } catch {
                fatalError("scanning \(pool.name) #\(next) failed: \(error)")
            }
            bytes &+= requestBytes[next]
            next += 1
            if next == requests.count { next = 0 }
        }
        return (bytes, findings)
    }

    /// Rule ids reported on requests written to be clean, with counts, most frequent first
    /// (not for timing): a high count means the workload or the rule needs a look.
    public func findingsOnCleanRequests() -> [(rule: String, count: Int, example: String)] {
        var counts: [String: (Int, String)] = [:]
        for (index, request) in pool.requests.enumerated() where !pool.intended[index] {
            guard let result = try? scanner.screen(request, now: Fixtures.now) else { continue }
            for f in result.findings {
                counts[f.rule, default: (0, f.match)].0 += 1
            }
        }
        return counts.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.count > $1.count || ($0.count == $1.count && $0.rule < $1.rule) }
    }

    /// Screens the whole pool once and tallies the verdicts (not for timing).
    public func tally() -> VerdictTally {
        var tally = VerdictTally()
        for request in pool.requests {
            do { tally.add(try scanner.screen(request, now: Fixtures.now)) } catch { fatalError("\(error)") }
        }
        return tally
    }
}

/// A request the harness hands to `screen` without copying it. Read from an array element (or
/// through a buffer pointer), the request was copied (its strings and arrays retained) and
/// destroyed around every call: the compiler cannot prove the element unchanged while the
/// opaque `screen` runs. A class's `let` cannot change, and inside `withExtendedLifetime` of
/// its box it is passed as it is (checked in the generated code: one retain of the box, no copy).
/// A real caller owns its request and pays no such copy: this removes work only the harness did.
private final class PooledRequest {
    let request: ScreeningRequest

    init(_ request: ScreeningRequest) {
        self.request = request
    }
}
