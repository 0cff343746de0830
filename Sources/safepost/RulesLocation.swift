import ArgumentParser
import Foundation
import SafepostModel
import SafepostRules
import SafepostScanning

enum RulesLocation {
    /// The explicit folder, else $SAFEPOST_RULES, ./Rules, then /etc/safepost/rules.
    static func resolve(_ explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["SAFEPOST_RULES"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "Rules/policy.conf") { return "Rules" }
        return "/etc/safepost/rules"
    }

    /// Loads the rules or prints every diagnostic and exits with the error status.
    static func load(_ directory: String) throws -> RuleSet {
        do {
            return try RulesLoader.load(directory: directory).ruleSet
        } catch {
            Console.error("safepost: cannot load rules from \(directory):")
            for d in error.diagnostics { Console.error("  \(d)") }
            throw ExitCode(ExitStatus.error)
        }
    }
}

enum Console {
    /// One line on standard error, with write(2): a standard error that cannot be written (a full
    /// disk, a closed pipe) loses the message but never traps, as FileHandle.write would.
    static func error(_ message: String) {
        _ = StandardStream.write(Array((message + "\n").utf8), to: STDERR_FILENO)
    }
}
