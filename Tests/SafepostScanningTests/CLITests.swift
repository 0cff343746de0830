import Foundation
import Testing

/// Runs the built `safepost` binary as a user would.
enum CLI {
    static var binary: URL {
        // The test bundle sits in the same build folder as the executables.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("safepost")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Fixtures.repo.appendingPathComponent(".build/debug/safepost")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` (default: safepost) with `input` on standard input. A command that stops
    /// reading early (an oversize draft) is no failure of the test: the rest of the input is dropped.
    static func run(_ arguments: [String], input: Data = Data(), executable: URL = binary) throws -> Run {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

@Suite("safepost command line", .serialized)
struct CLITests {
    @Test func jsonlKeepsOrderAndReportsBadLinesByNumber() throws {
        let input = """
            {"id": "a", "text": "Olly was so funny today"}
            {"id": "b", "text": "The roses are out"}
            {"id": "c", "text": 
            {"id": "d"}
            {"id": "e", "text": "#StonhamAspal Christmas do", "author": {"role": "staff"}}

            """
        let run = try CLI.run(["check", "--jsonl", "--rules", Fixtures.rulesDirectory], input: Data(input.utf8))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 5, "\(run.stderr)")
        #expect(lines[0].hasPrefix(#"{"id":"a","verdict":"block","findings":[{"category":"child-mention","rule":"child-name""#))
        #expect(lines[0].contains(#""start":0,"end":4,"match":"Olly""#))
        #expect(lines[1] == #"{"id":"b","verdict":"allow","findings":[],"redacted":"The roses are out"}"#)
        #expect(lines[2].contains(#""error""#) && lines[2].contains("line 3"))
        #expect(lines[3].contains(#""missing-field""#) && lines[3].contains("line 4"))
        #expect(lines[4].contains(#""verdict":"review""#))
        #expect(run.status == 2, "a bad line makes the batch exit 2")
    }

    @Test func exitStatusSeparatesCleanFlaggedAndError() throws {
        let rules = ["--rules", Fixtures.rulesDirectory]
        #expect(try CLI.run(["check"] + rules, input: Data("Lovely sunny morning".utf8)).status == 0)
        #expect(try CLI.run(["check"] + rules, input: Data("Olly was funny".utf8)).status == 1)
        let invalid = try CLI.run(["check"] + rules, input: Data([0x48, 0x69, 0x20, 0xC3, 0x28]))
        #expect(invalid.status == 2 && invalid.stderr.contains("byte 3"), "\(invalid.stderr)")
        let binary = try CLI.run(["check"] + rules, input: Data([0x48, 0x00, 0x49]))
        #expect(binary.status == 2 && binary.stderr.contains("NUL"))
        let big = try CLI.run(["check"] + rules, input: Data(repeating: 0x61, count: 10 * 1024 * 1024))
        #expect(big.status == 2 && big.stderr.contains("limit"), "\(big.stderr)")
    }

    @Test func readableReportQuotesTheClauseAndMarksTheSpan() throws {
        let run = try CLI.run(["check", "--rules", Fixtures.rulesDirectory], input: Data("Just saw Olly's painting".utf8))
        #expect(run.stdout.contains("»Olly«"))
        #expect(run.stdout.contains("clause: \"Staff and students must not mention"))
        #expect(run.stdout.contains("redacted: Just saw [child]'s painting"))
    }

    @Test func rulesCheckNamesFileLineAndPCRE2Message() throws {
        let broken = """
            rule broken-pattern
              category  workplace-remark
              clause    staff-remarks
              triggers  work
              pattern   \\bbad (day at work\\b
              match     bad day at work

            """
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz-broken.rules": broken])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLI.run(["rules", "check", dir])
        #expect(run.status == 2)
        #expect(run.stdout.contains("rules/zz-broken.rules:5: error: rule broken-pattern: bad pattern: missing closing parenthesis at offset 20"), "\(run.stdout)")
    }

    @Test func rulesCheckSaysHowEachPatternIsFound() throws {
        let run = try CLI.run(["rules", "check", Fixtures.rulesDirectory])
        #expect(run.status == 0)
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("prefilter:") } ?? ""
        // The few rules kept on hand-written triggers are listed by id.
        #expect(line.contains("around triggers: ") && line.contains("contact-parent-seeks-staff") && line.contains("personal-address-number"), "\(line)")
        #expect(line.range(of: #"^prefilter: \d+ of \d+ patterns run at their leading words"#, options: .regularExpression) != nil, "\(line)")
        // The emoji rule's matches all start with a non-ASCII byte, so ASCII drafts skip it.
        #expect(line.contains("on drafts with a non-ASCII character: context-negative-emoji"), "\(line)")
        #expect(!line.contains("on every draft"), "\(line)")
    }

    @Test func anotherSettingNeedsOnlyItsDataFiles() throws {
        let files = [
            "setting.txt": "Little Acorns Day Nursery\n",
            "children.csv": "name,aliases\nBartholomew Quince,Barty\nSaoirse Lindqvist,\n",
            "staff.csv": "name,aliases\nGwendolyn Pike,Gwen\n",
            "carers.csv": "name,aliases,children\nMagnus Lindqvist,,Saoirse Lindqvist\n",
            "approved.csv": "marker,expires\n#AcornsAutumnFair,2030-10-01\n",
        ]
        let dir = try Fixtures.rulesCopy(replacing: files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = """
            {"id": "1", "text": "Barty wouldn't stop singing at snack time"}
            {"id": "2", "text": "Christmas do with the Little Acorns team"}
            {"id": "3", "text": "#LittleAcornsDayNursery family"}
            {"id": "4", "text": "Olly was so funny today"}
            {"id": "5", "text": "Saoirse loved the autumn walk", "author": {"name": "Magnus Lindqvist", "role": "parent"}}
            {"id": "6", "text": "Come to the #AcornsAutumnFair at Little Acorns Day Nursery!"}

            """
        let run = try CLI.run(["check", "--jsonl", "--rules", dir], input: Data(input.utf8))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 6, "\(run.stderr)")
        #expect(lines[0].contains(#""category":"child-mention""#) && lines[0].contains(#""match":"Barty""#))
        #expect(lines[1].contains(#""category":"setting-name""#))
        #expect(lines[2].contains(#""category":"setting-name""#))
        #expect(lines[3].contains(#""verdict":"allow""#), "the Stonham roster is gone")
        #expect(lines[4].contains(#""verdict":"allow""#), "a parent may mention their own child")
        #expect(lines[5].contains(#""verdict":"allow""#), "a live marker exempts the setting name")
    }
}
