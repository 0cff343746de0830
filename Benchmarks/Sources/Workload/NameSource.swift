import Foundation

/// The names a breaching draft can mention: the setting and the people on one roster.
public struct NameSource: Sendable {
    /// The setting's names as `setting.txt` lists them (canonical name first).
    public var settingNames: [String]
    /// Children: full name and aliases.
    public var children: [RosterEntry]
    public var staff: [RosterEntry]
    public var carers: [RosterEntry]

    public init(settingNames: [String], children: [RosterEntry], staff: [RosterEntry], carers: [RosterEntry]) {
        precondition(!settingNames.isEmpty && !children.isEmpty, "a name source needs a setting name and at least one child")
        self.settingNames = settingNames
        self.children = children
        self.staff = staff
        self.carers = carers
    }

    /// Reads `setting.txt`, `children.csv`, `staff.csv` and `carers.csv` of a Rules folder.
    public init(rulesDirectory: String) throws {
        func read(_ name: String) throws -> String {
            let path = (rulesDirectory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw WorkloadError("cannot read \(path)")
            }
            return text
        }
        let setting = try read("setting.txt").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        self.init(
            settingNames: setting,
            children: Self.entries(try read("children.csv")),
            staff: Self.entries(try read("staff.csv")),
            carers: Self.entries(try read("carers.csv"))
        )
    }

    /// The same setting with a generated roster in place of the children and carers.
    public func replacingRoster(with roster: GeneratedRoster) -> NameSource {
        NameSource(settingNames: settingNames, children: roster.children, staff: staff, carers: roster.carers)
    }

    /// Rows of a roster CSV (`name,aliases[,children]`); quoted fields and comments are tolerated.
    static func entries(_ csv: String) -> [RosterEntry] {
        var rows: [RosterEntry] = []
        for (index, line) in csv.split(whereSeparator: \.isNewline).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if index == 0 || text.isEmpty || text.hasPrefix("#") { continue }
            let fields = splitCSV(text)
            func list(_ i: Int) -> [String] {
                i < fields.count ? fields[i].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            }
            guard let name = fields.first, !name.isEmpty else { continue }
            rows.append(RosterEntry(name: name, aliases: list(1), children: list(2)))
        }
        return rows
    }

    private static func splitCSV(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else { current.append(ch) }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}

public struct WorkloadError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
