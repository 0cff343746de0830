import Foundation
import SafepostModel
import SafepostScanning

/// Reads `policy.conf`: the policy's name, the action per category, working hours and clauses.
enum PolicyReader {
    struct Result {
        var policy: Policy
        var clauses: [String: String]
        /// False when policy.conf could not be read or has no [clauses] section: rules' clause
        /// ids are then not checked, as each check would only repeat that one error.
        var clausesKnown = false
    }

    static let file = "policy.conf"

    static func read(_ files: FolderReader, log: inout DiagnosticLog) -> Result {
        var result = Result(policy: Policy(name: "", actions: [:], workingHours: nil), clauses: [:])
        guard let text = files.text(file, log: &log) else { return result }
        let conf = ConfFile(text)
        let sections: Set<String> = ["policy", "actions", "hours", "clauses"]
        var reported = Set<String>()
        for entry in conf.entries where !sections.contains(entry.section) && reported.insert(entry.section).inserted {
            log.error(file, entry.line, "unknown section [\(entry.section)] (known: policy, actions, hours, clauses)")
        }
        conf.reportRepeatedKeys(file: file, repeatable: ["[hours] also"], log: &log)
        if conf.section("clauses").isEmpty {
            // A misspelt [clauses] header is already an unknown section: one error is enough.
            if reported.isEmpty { log.error(file, nil, "no [clauses] section: rules quote their clauses from it") }
        } else {
            result.clausesKnown = true
        }
        for entry in conf.entries where sections.contains(entry.section) && entry.value == nil {
            log.error(file, entry.line, "expected \"key = value\"")
        }
        result.policy.name = conf.section("policy").first { $0.key == "name" }?.value ?? ""
        for entry in conf.section("actions") {
            guard let value = entry.value else { continue }
            guard let category = Category(rawValue: entry.key) else {
                log.error(file, entry.line, "unknown category \"\(entry.key)\" (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            switch value {
            case "block": result.policy.actions[category] = .block
            case "review": result.policy.actions[category] = .review
            case "off": result.policy.actions[category] = nil
            default: log.error(file, entry.line, "action for \(entry.key) must be block, review or off, not \"\(value)\"")
            }
        }
        for entry in conf.section("clauses") {
            guard let value = entry.value, result.clauses[entry.key] == nil else { continue }
            result.clauses[entry.key] = unquote(value)
        }
        result.policy.workingHours = readHours(conf.section("hours"), log: &log)
        return result
    }

    private static func readHours(_ entries: [ConfFile.Entry], log: inout DiagnosticLog) -> WorkingHours? {
        guard !entries.isEmpty else { return nil }
        var values: [String: (String, Int)] = [:]
        var more: [(String, Int)] = []
        for e in entries {
            guard let v = e.value else { continue }
            guard ["days", "from", "to", "zone", "also"].contains(e.key) else {
                log.error(file, e.line, "unknown key \"\(e.key)\" in [hours] (known: days, from, to, also, zone)")
                continue
            }
            if e.key == "also" { more.append((v, e.line)) } else { values[e.key] = (v, e.line) }
        }
        let line = entries[0].line
        guard let days = values["days"], let from = values["from"], let to = values["to"], let zone = values["zone"] else {
            log.error(file, line, "[hours] needs days, from, to and zone")
            return nil
        }
        guard let first = window(days: days.0, from: from.0, to: to.0, line: from.1, daysLine: days.1, log: &log) else { return nil }
        var windows = [first]
        // "also = tue thu 13:00-15:30": another window, on other days or at other times.
        for (value, line) in more {
            let words = value.split(whereSeparator: { $0 == " " || $0 == "," })
            let span = words.last.map { $0.split(separator: "-", omittingEmptySubsequences: false) } ?? []
            guard words.count >= 2, span.count == 2 else {
                log.error(file, line, "\"also\" needs days and a span of time, as in \"also = tue thu 13:00-15:30\" (got \"\(value)\")")
                return nil
            }
            guard let w = window(days: words.dropLast().joined(separator: " "), from: String(span[0]), to: String(span[1]),
                                 line: line, daysLine: line, log: &log) else { return nil }
            windows.append(w)
        }
        guard let table = ZoneTable.build(zone.0) else {
            log.error(file, zone.1, "unknown time zone \"\(zone.0)\" (use an IANA name such as Europe/London)")
            return nil
        }
        return WorkingHours(windows: windows, zoneName: zone.0, zone: table)
    }

    /// One window of the hours: its days ("mon tue", "sat,sun") and its span, from < to.
    private static func window(days: String, from: String, to: String, line: Int, daysLine: Int, log: inout DiagnosticLog) -> WorkingHours.Window? {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var daySet = Set<Int>()
        for word in days.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let index = names.firstIndex(of: String(word.prefix(3))) else {
                log.error(file, daysLine, "unknown day \"\(word)\" (use mon tue wed thu fri sat sun)")
                continue
            }
            daySet.insert(index + 1)
        }
        guard let start = minutes(from), let end = minutes(to), start < end else {
            log.error(file, line, "working hours need from < to, as HH:MM (got \(from)–\(to))")
            return nil
        }
        return WorkingHours.Window(days: daySet, startMinute: start, endMinute: end)
    }

    private static func minutes(_ s: String) -> Int? {
        let parts = s.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") { return String(s.dropFirst().dropLast()) }
        return s
    }
}

/// Builds an offset table for an IANA zone from the system's zone data, 1970–2100.
enum ZoneTable {
    static func build(_ identifier: String) -> UTCOffsetTable? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        var date = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 4_102_444_800)
        var table = UTCOffsetTable(initialOffset: Int32(zone.secondsFromGMT(for: date)))
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next < end {
            table.transitions.append(Int64(next.timeIntervalSince1970))
            table.offsets.append(Int32(zone.secondsFromGMT(for: next)))
            date = next
        }
        return table
    }
}
