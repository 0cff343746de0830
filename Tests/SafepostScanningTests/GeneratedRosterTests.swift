import Foundation
import SafepostRules
import SafepostScanning
import Testing

/// The shipped rules load with any setting's roster: generated rosters full of names that are
/// also words ("Rowan", "Hope", "Storm"), hyphens and apostrophes ("Lily-Mae", "O'Neill"),
/// particles ("Ní Bhriain"), forms of address in aliases ("Mrs K", "Aunty Kit") and setting
/// names made of given names and ordinary words. A refused folder stops the daemon starting;
/// random rosters of this kind were refused 24 times in 60 before the examples' placeholders
/// left a name that reads as a word unchecked (a warning) and the contact and warning rules
/// read hyphenated and apostrophised names.
@Suite("Generated rosters load the shipped rules")
struct GeneratedRosterTests {
    static let given = [
        "Oliver", "Amelia", "Jack", "Jill", "Rose", "Will", "Summer", "Grace", "Hope", "Ruby", "Poppy", "River", "Bear", "Storm",
        "Ivy", "Noah", "Eve", "Faith", "Hazel", "Rowan", "Wren", "Ash", "Mo", "Yusuf", "Aisha", "Łucja", "Siân", "Zoë", "Ana-Maria",
        "Lily-Mae", "Kai", "Max", "May", "Dawn", "Sunny", "Precious", "Miracle", "Legend", "Prince", "Tiana", "Ezekiel", "Marley",
        "Reggie", "Ludo", "Diya", "Kit", "Clay", "Miles", "Sage", "Pearl", "Luna", "Mark", "Dean", "Chase", "Mason", "Sue", "Jo",
    ]
    static let surnames = [
        "Brown", "Green", "King", "Rose", "Hill", "Wood", "Stone", "Fox", "Bell", "Hope", "Lamb", "Moon", "Price", "Young",
        "Little", "Day", "Church", "Park", "Smith", "O'Neill", "McDonald", "Ní Bhriain", "Nowak", "Khan", "Begum", "Okafor",
        "Pickles", "Hall", "Nest", "Tree",
    ]
    static let settings = [
        "Jack & Jill Pre-School", "Noah's Ark Nursery", "Toad Hall Day Nursery", "Home from Home Nursery", "Kidz 1st Day Nursery",
        "Wren's Nest Playgroup", "Little Acorns Pre-School", "Rose Hill Nursery", "Over the Rainbow Nursery", "Hope House Nursery",
        "Busy Bees Playgroup", "Learning Tree Nursery",
    ]

    /// A small deterministic generator (SplitMix64), so a failure names a seed that repeats.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        mutating func pick(_ xs: [String]) -> String { xs[next(xs.count)] }
    }

    static func files(seed: UInt64) -> [String: String] {
        var r = Random(state: seed)
        func person() -> String { r.pick(given) + " " + r.pick(surnames) }
        var children: [String] = []
        for _ in 0..<(1 + r.next(30)) {
            let name = person()
            if !children.contains(name) { children.append(name) }
        }
        var staff: [String] = []
        for _ in 0..<(1 + r.next(8)) {
            let name = person()
            if !staff.contains(name) { staff.append(name) }
        }
        let staffRows = staff.map { name -> String in
            let parts = name.split(separator: " ")
            let alias = [" ", "Mrs \(parts.last!.prefix(1))", "Aunty \(parts[0])", ""][r.next(4)]
            return "\(name),\(alias.trimmingCharacters(in: .whitespaces))"
        }
        var carers: [String] = []
        for child in children {
            let carer = r.pick(given) + " " + child.split(separator: " ", maxSplits: 1)[1]
            if !carers.contains(where: { $0.hasPrefix(carer + ",") }) { carers.append("\(carer),,\(child)") }
        }
        return [
            "setting.txt": r.pick(settings) + "\n",
            "children.csv": "name,aliases\n" + children.map { "\($0),\n" }.joined(),
            "staff.csv": "name,aliases\n" + staffRows.joined(separator: "\n") + "\n",
            "carers.csv": "name,aliases,children\n" + carers.joined(separator: "\n") + "\n",
        ]
    }

    @Test("a generated roster", arguments: Array(UInt64(1)...12))
    func loads(seed: UInt64) throws {
        let dir = try Fixtures.rulesCopy(replacing: Self.files(seed: seed))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try RulesLoader.load(directory: dir, now: Fixtures.now)
        } catch {
            Issue.record("seed \(seed): \(error)")
        }
    }
}
