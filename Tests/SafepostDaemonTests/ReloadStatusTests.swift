import Foundation
import Testing

/// A refused reload keeps the old rules serving, so the daemon stays "ready"; `/v1/health` and
/// `/metrics` must still show that the Rules folder on disk is broken, until a reload takes it.
@Suite("safepostd reload status")
struct ReloadStatusTests {
    static func lastReload(of daemon: DaemonProcess) throws -> [String: Any]? {
        try daemon.request("GET", "/v1/health").json["last_reload"] as? [String: Any]
    }

    static func lastReloadSuccessful(of daemon: DaemonProcess) throws -> Double? {
        try SafepostdHeavyTests.metric("safepost_rules_last_reload_successful", of: daemon)
    }

    @Test func healthAndMetricsSayARefusedReloadFailedUntilAReloadSucceeds() throws {
        let rules = try ServerLifecycleTests.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let daemon = try DaemonProcess(rules: rules)
        #expect(try Self.lastReload(of: daemon) == nil, "no reload yet")
        #expect(try Self.lastReloadSuccessful(of: daemon) == 1)
        let serving = try daemon.request("GET", "/v1/health").json["version"] as? String

        let broken = rules + "/rules/zz-broken.rules"
        try "rule broken\n  category  personal-info\n  clause    \"x\"\n  pattern   \\bfoo(bar\\b\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try daemon.request("POST", "/v1/reload")
        #expect(refused.status == 422, "\(refused.text)")
        let health = try daemon.request("GET", "/v1/health").json
        #expect(health["status"] as? String == "ready", "the old rules still serve")
        #expect(health["version"] as? String == serving)
        let failed = try #require(health["last_reload"] as? [String: Any], "\(health)")
        #expect(failed["outcome"] as? String == "failure")
        #expect(failed["errors"] as? Int == 1)
        #expect((failed["at"] as? String)?.hasSuffix("Z") == true, "\(failed)")
        #expect(try Self.lastReloadSuccessful(of: daemon) == 0)
        #expect(try SafepostdHeavyTests.metric("safepost_reloads_total{outcome=\"failure\"}", of: daemon) == 1)

        try FileManager.default.removeItem(atPath: broken)
        try ServerLifecycleTests.append("\n# changed\n", to: rules + "/rules/canary.rules")
        daemon.send(SIGHUP)
        let fixed = SafepostdHeavyTests.waitUntil { (try? Self.lastReload(of: daemon)?["outcome"] as? String) == "success" }
        #expect(fixed, "\(daemon.log)")
        let after = try daemon.request("GET", "/v1/health").json
        #expect(after["version"] as? String != serving, "the fixed folder serves")
        #expect((after["last_reload"] as? [String: Any])?["errors"] == nil)
        #expect(try Self.lastReloadSuccessful(of: daemon) == 1)
    }
}
