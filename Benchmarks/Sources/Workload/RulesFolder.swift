import Foundation

/// Copies of a Rules folder with some files replaced, for loading generated rosters.
public enum RulesFolder {
    /// Copies every file and folder of `source` into a new temporary folder, writing
    /// `replacing` (file name → contents) over the copies. Returns the new folder's path;
    /// remove it with `remove(_:)` once the rules are loaded.
    public static func temporaryCopy(of source: String, replacing: [String: String], label: String) throws -> String {
        let fm = FileManager.default
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "safepost-bench-\(label)-\(ProcessInfo.processInfo.processIdentifier)")
        if fm.fileExists(atPath: base) { try fm.removeItem(atPath: base) }
        try fm.createDirectory(atPath: base, withIntermediateDirectories: true)
        for item in try fm.contentsOfDirectory(atPath: source) where replacing[item] == nil {
            try fm.copyItem(
                atPath: (source as NSString).appendingPathComponent(item),
                toPath: (base as NSString).appendingPathComponent(item))
        }
        for (name, contents) in replacing {
            let path = (base as NSString).appendingPathComponent(name)
            guard fm.createFile(atPath: path, contents: Data(contents.utf8)) else {
                throw WorkloadError("cannot write \(path)")
            }
        }
        return base
    }

    /// A temporary copy of `source` whose children.csv and carers.csv are `roster`.
    public static func temporaryCopy(of source: String, roster: GeneratedRoster) throws -> String {
        try temporaryCopy(
            of: source,
            replacing: ["children.csv": roster.childrenCSV, "carers.csv": roster.carersCSV],
            label: "roster\(roster.children.count)")
    }

    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
