/// One generated person of a roster file.
public struct RosterEntry: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    /// For carers: the children (full names) they are linked to.
    public var children: [String]

    public init(name: String, aliases: [String] = [], children: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.children = children
    }

    public var firstName: String { String(name.split(separator: " ").first ?? "") }
}

/// A generated roster: the contents of `children.csv` and `carers.csv` for a setting of any size.
public struct GeneratedRoster: Sendable {
    public var children: [RosterEntry]
    public var carers: [RosterEntry]

    /// `children.csv` as the Rules contract defines it (header `name,aliases`).
    public var childrenCSV: String {
        var out = "name,aliases\n"
        for child in children {
            out += child.name + "," + child.aliases.joined(separator: ";") + "\n"
        }
        return out
    }

    /// `carers.csv` as the Rules contract defines it (header `name,aliases,children`).
    public var carersCSV: String {
        var out = "name,aliases,children\n"
        for carer in carers {
            out += carer.name + "," + carer.aliases.joined(separator: ";") + "," + carer.children.joined(separator: ";") + "\n"
        }
        return out
    }
}

/// Builds rosters of `childCount` children with unique full names from fixed name lists.
///
/// Each child gets one carer (two for 30 % of children) who shares the family name in most
/// cases; a carer whose name is already taken becomes the carer of both children (siblings).
/// About half the children whose first name has a usual short form list it as an alias.
/// The same `childCount` and `seed` always give the same roster.
public enum RosterGenerator {
    public static let defaultSeed: UInt64 = 0x5AFE_9057

    /// Every surname the generator uses: the common list, then stem+ending combinations.
    static let allSurnames: [String] = {
        var names = NameLists.surnames
        var seen = Set(names)
        for stem in NameLists.surnameStems {
            for ending in NameLists.surnameEndings {
                let name = stem + ending
                if seen.insert(name).inserted { names.append(name) }
            }
        }
        return names
    }()

    /// The most children the name lists can name uniquely.
    public static var capacity: Int { NameLists.childFirstNames.count * allSurnames.count }

    public static func generate(children childCount: Int, seed: UInt64 = defaultSeed) -> GeneratedRoster {
        precondition(childCount <= capacity / 2, "at most \(capacity / 2) children can be generated")
        var random = SeededRandom(seed: seed)
        let surnames = allSurnames
        var used = Set<String>()
        var children: [RosterEntry] = []
        children.reserveCapacity(childCount)
        var families: [String] = []
        while children.count < childCount {
            let first = random.pick(NameLists.childFirstNames)
            // Common surnames are drawn more often than the long tail, as in a real register.
            let surname = random.chance(0.5) ? random.pick(NameLists.surnames) : random.pick(surnames)
            let name = first + " " + surname
            guard used.insert(name.lowercased()).inserted else { continue }
            var aliases: [String] = []
            if let short = NameLists.nicknames[first], random.chance(0.5) {
                aliases = Array(short.prefix(1 + random.below(short.count)))
            }
            children.append(RosterEntry(name: name, aliases: aliases))
            families.append(surname)
        }

        var carers: [RosterEntry] = []
        var carerIndex: [String: Int] = [:]
        for (index, child) in children.enumerated() {
            let count = random.chance(0.3) ? 2 : 1
            for _ in 0..<count {
                let surname = random.chance(0.8) ? families[index] : random.pick(surnames)
                let name = random.pick(NameLists.adultFirstNames) + " " + surname
                if let existing = carerIndex[name.lowercased()] {
                    if !carers[existing].children.contains(child.name) { carers[existing].children.append(child.name) }
                } else {
                    carerIndex[name.lowercased()] = carers.count
                    carers.append(RosterEntry(name: name, children: [child.name]))
                }
            }
        }
        return GeneratedRoster(children: children, carers: carers)
    }
}
