// safepost-export: writes the benchmark workload to plain files, so that other tools (the
// peers in Benchmarks/peers/) scan exactly the bytes safepost-bench screens.
//
//   safepost-export --out DIR [--rules DIR] [--seed N] [--short-count N] [--long-bytes N]
//
// Files written to DIR:
//   short-drafts.txt   the Core.ShortDrafts pool, one draft per line (a draft never contains
//                      a line break; the tool fails if one does)
//   long-clean.txt     the Core.LongClean text, exactly --long-bytes bytes
//   names.txt          the literal names safepost looks up: the setting's names (setting.txt),
//                      then children, staff and carers: full name, first name, aliases;
//                      one per line, first spelling of each case-insensitive duplicate kept
//   manifest.json      counts, bytes, seed, the Rules folder, and the Workload fingerprints
//                      (`safepost-bench --workload` prints the same ones for Core.*)
//
// With --generated-rules N (repeatable), also DIR/rules-N/: a copy of the Rules folder plus
// N rules from RuleGenerator in rules/generated.rules (the Scaling.Rules benchmarks' folders;
// check one with `safepost rules check DIR/rules-N`).
//
// Depends on Workload only (no safepost module), so it builds in seconds.

import Foundation
import Workload

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("safepost-export: \(message)\n".utf8))
    exit(2)
}

/// The repository's Rules folder, found from this file's path (as BenchFixtures does), or $SAFEPOST_RULES.
func defaultRulesDirectory() -> String {
    if let path = ProcessInfo.processInfo.environment["SAFEPOST_RULES"], !path.isEmpty { return path }
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // safepost-export, Sources, Benchmarks, repository
    return url.appendingPathComponent("Rules").path
}

var outDirectory: String?
var rulesDirectory = defaultRulesDirectory()
var seed = Workload.defaultSeed
// The pool sizes of BenchFixtures.RequestPool (shortDraftCount, longTextBytes).
var shortCount = 1_000
var longBytes = 1_000_000
var generatedRuleCounts: [Int] = []

var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    func value() -> String {
        guard let v = arguments.next() else { fail("\(argument) needs a value") }
        return v
    }
    switch argument {
    case "--out": outDirectory = value()
    case "--rules": rulesDirectory = value()
    case "--seed": seed = UInt64(value()) ?? { fail("--seed needs an unsigned integer") }()
    case "--short-count": shortCount = Int(value()) ?? { fail("--short-count needs an integer") }()
    case "--long-bytes": longBytes = Int(value()) ?? { fail("--long-bytes needs an integer") }()
    case "--generated-rules": generatedRuleCounts.append(Int(value()) ?? { fail("--generated-rules needs an integer") }())
    case "-h", "--help":
        print("usage: safepost-export --out DIR [--rules DIR] [--seed N] [--short-count N] [--long-bytes N] [--generated-rules N]...")
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}
guard let outDirectory else { fail("--out DIR is required") }

let names: NameSource
do { names = try NameSource(rulesDirectory: rulesDirectory) } catch { fail("cannot read the roster in \(rulesDirectory): \(error)") }

let shortDrafts = Workload.shortDrafts(count: shortCount, names: names, seed: seed)
let longText = Workload.longCleanText(bytes: longBytes, names: names, seed: seed)

var shortFile = ""
for (index, draft) in shortDrafts.enumerated() {
    if draft.subject != nil { fail("short draft \(index) has a subject; the line format cannot carry it") }
    if draft.text.contains(where: \.isNewline) { fail("short draft \(index) contains a line break") }
    shortFile += draft.text + "\n"
}

/// Every literal name, in file order, without case-insensitive duplicates.
func literalNames(_ names: NameSource) -> [String] {
    var list: [String] = []
    var seen = Set<String>()
    func add(_ name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { return }
        list.append(trimmed)
    }
    names.settingNames.forEach(add)
    for group in [names.children, names.staff, names.carers] {
        for person in group {
            add(person.name)
            add(person.firstName)
            person.aliases.forEach(add)
        }
    }
    return list
}
let nameList = literalNames(names)

let fm = FileManager.default
do { try fm.createDirectory(atPath: outDirectory, withIntermediateDirectories: true) } catch { fail("cannot create \(outDirectory): \(error)") }
func write(_ name: String, _ contents: String) {
    let path = (outDirectory as NSString).appendingPathComponent(name)
    guard fm.createFile(atPath: path, contents: Data(contents.utf8)) else { fail("cannot write \(path)") }
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default:
            if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}

write("short-drafts.txt", shortFile)
write("long-clean.txt", longText)
write("names.txt", nameList.joined(separator: "\n") + "\n")
let breaches = shortDrafts.filter { $0.breach != nil }.count
let manifest = """
{
  "seed": \(seed),
  "rules_directory": \(jsonString(rulesDirectory)),
  "short_drafts": {"file": "short-drafts.txt", "count": \(shortDrafts.count), "bytes": \(shortDrafts.reduce(0) { $0 + $1.byteCount }), "written_to_breach": \(breaches), "fingerprint": "\(Workload.fingerprint(shortDrafts))"},
  "long_clean": {"file": "long-clean.txt", "bytes": \(longText.utf8.count), "fingerprint": "\(Workload.fingerprint([Draft(text: longText)]))"},
  "names": {"file": "names.txt", "count": \(nameList.count), "setting": \(names.settingNames.count), "children": \(names.children.count), "staff": \(names.staff.count), "carers": \(names.carers.count)}
}

"""
write("manifest.json", manifest)
for count in generatedRuleCounts {
    let generated = RuleGenerator.generate(count: count)
    let folder = (outDirectory as NSString).appendingPathComponent("rules-\(count)")
    do {
        if fm.fileExists(atPath: folder) { try fm.removeItem(atPath: folder) }
        try fm.copyItem(atPath: rulesDirectory, toPath: folder)
        try Data(generated.text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("rules/" + RuleGenerator.fileName))
    } catch { fail("cannot write \(folder): \(error)") }
    print("safepost-export: \(folder): the Rules folder plus \(count) generated rules")
}
print("safepost-export: \(shortDrafts.count) short drafts, \(longText.utf8.count) bytes of long text, \(nameList.count) names → \(outDirectory)")
