import Foundation
import SafepostModel
import SafepostRules
import SafepostScanning
import Synchronization
import Workload

/// A loaded rule set together with the names its drafts can mention.
public struct Fixture: Sendable {
    /// A short label for reports: "shipped" or "roster2000".
    public let label: String
    public let ruleSet: RuleSet
    public let names: NameSource
    /// Children on the roster the rule set was built from.
    public var childCount: Int { names.children.count }
    /// Seconds `RulesLoader.load` took (generation and copying excluded).
    public let loadSeconds: Double
}

/// Finds, copies and loads Rules folders for the benchmarks.
public enum Fixtures {
    /// The instant every benchmark screens at (`now` of `Scanner.screen`): 2026-11-18, a Wednesday.
    public static let now = Timestamp(secondsSince1970: 1_795_000_000)

    /// The Rules folder to measure: `$SAFEPOST_RULES`, else the repository's `Rules/`
    /// (found from this file's path, so any working directory works).
    public static var rulesDirectory: String {
        if let path = ProcessInfo.processInfo.environment["SAFEPOST_RULES"], !path.isEmpty { return path }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // BenchFixtures, Sources, Benchmarks, repository
        return url.appendingPathComponent("Rules").path
    }

    private static let cache = Mutex<[String: Fixture]>([:])

    /// The shipped Rules folder, loaded once per process.
    public static func shipped() throws -> Fixture {
        try cached("shipped") {
            let directory = rulesDirectory
            return try load(label: "shipped", directory: directory, names: try NameSource(rulesDirectory: directory))
        }
    }

    /// The shipped Rules with `children` generated children (and their carers) in place of
    /// children.csv and carers.csv; every other file is copied unchanged. Loaded once per process.
    public static func generated(children: Int, seed: UInt64 = RosterGenerator.defaultSeed) throws -> Fixture {
        try cached("roster\(children)-\(seed)") {
            let source = rulesDirectory
            let roster = RosterGenerator.generate(children: children, seed: seed)
            let copy = try RulesFolder.temporaryCopy(of: source, roster: roster)
            defer { RulesFolder.remove(copy) }
            let names = try NameSource(rulesDirectory: source).replacingRoster(with: roster)
            return try load(label: "roster\(children)", directory: copy, names: names)
        }
    }

    private static func cached(_ key: String, _ make: () throws -> Fixture) throws -> Fixture {
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let fixture = try make()
        cache.withLock { $0[key] = fixture }
        return fixture
    }

    private static func load(label: String, directory: String, names: NameSource) throws -> Fixture {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded: RulesLoader.Loaded
        do {
            loaded = try RulesLoader.load(directory: directory, now: now)
        } catch {
            throw FixtureError(
                "cannot load the Rules folder \(directory) (\(label)); set SAFEPOST_RULES to a loadable folder.\n\(error)")
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Fixture(label: label, ruleSet: loaded.ruleSet, names: names, loadSeconds: seconds)
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
