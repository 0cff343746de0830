import Foundation
import Testing

/// Runs the built `safepost` under /bin/sh, so that a test can give it what a shell user can:
/// a directory or a closed descriptor as standard input, /dev/full as standard output.
enum ShellCLI {
    /// `safepost ARGUMENTS REDIRECTIONS` with `input` on standard input (unless redirected).
    /// `limitingDataTo` KiB sets `ulimit -d`, the most memory the command may allocate.
    static func run(_ arguments: [String], redirecting redirections: String, input: Data = Data(), limitingDataTo kib: Int? = nil) throws -> CLI.Run {
        let limit = kib.map { "ulimit -d \($0) && " } ?? ""
        return try CLI.run(
            ["-c", "\(limit)\"$0\" \"$@\" \(redirections)", CLI.binary.path] + arguments,
            input: input,
            executable: URL(fileURLWithPath: "/bin/sh")
        )
    }
}

@Suite("safepost check: unreadable input, failed output, size limit", .serialized)
struct CLIInputOutputTests {
    let rules = ["--rules", Fixtures.rulesDirectory]

    @Test(arguments: [[], ["--json"], ["--jsonl"]])
    func aDirectoryAsTheFileIsAnErrorNotATrap(mode: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.path
        let run = try CLI.run(["check"] + mode + rules + [dir])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "safepost: cannot read \(dir): Is a directory\n", "\(run.stderr)")
    }

    @Test func aDirectoryOnStandardInputIsAnError() throws {
        let run = try ShellCLI.run(["check"] + rules, redirecting: "< /")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "safepost: cannot read standard input: Is a directory\n", "\(run.stderr)")
    }

    @Test func aClosedStandardInputIsAnError() throws {
        let run = try ShellCLI.run(["check", "--json"] + rules, redirecting: "<&-")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "safepost: cannot read standard input: Bad file descriptor\n", "\(run.stderr)")
    }

    /// Nothing on standard input is what a failed upstream tool sends: an error, never "allow".
    /// A batch of no lines is a batch of nothing, and exits 0.
    @Test func emptyInputIsAnErrorForADraftAndNothingForABatch() throws {
        let draft = try CLI.run(["check"] + rules, input: Data())
        #expect(draft.status == 2, "\(draft.stdout)")
        #expect(draft.stderr == "safepost: the draft is empty (0 bytes): there is nothing to screen\n", "\(draft.stderr)")
        #expect(!draft.stdout.contains("ALLOW"))
        let blank = try CLI.run(["check"] + rules, input: Data("\n".utf8))
        #expect(blank.status == 2 && blank.stderr.contains("the draft is blank (1 byte"), "\(blank.stderr)")
        let batch = try CLI.run(["check", "--jsonl"] + rules, input: Data())
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.isEmpty)
    }

    /// Options that cannot apply are a usage error, not silently ignored.
    @Test(arguments: [["--json", "--jsonl"], ["--json", "--role", "parent"], ["--jsonl", "--author", "Sarah Brown"]])
    func optionsThatDoNotGoTogether(_ options: [String]) throws {
        let run = try CLI.run(["check"] + options + rules, input: Data(#"{"id":"a","text":"hi"}"#.utf8))
        #expect(run.status == 64, "\(run.stderr)")
    }

    @Test func aByteOrderMarkBeforeAJSONRequestIsSkipped() throws {
        let run = try CLI.run(["check", "--json"] + rules, input: Data([0xEF, 0xBB, 0xBF] + Array(#"{"id":"b","text":"hi"}"#.utf8)))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == #"{"id":"b","verdict":"allow","findings":[],"redacted":"hi"}"# + "\n")
    }

    @Test func aMissingFileNamesTheReason() throws {
        let run = try CLI.run(["check"] + rules + ["/nonexistent/draft.txt"])
        #expect(run.status == 2)
        #expect(run.stderr == "safepost: cannot read /nonexistent/draft.txt: No such file or directory\n", "\(run.stderr)")
    }

    /// A full disk: each mode says so and exits 2, whatever the verdict (allow would have been 0).
    @Test(arguments: [
        ([], "Lovely sunny morning"),
        ([], "Olly was so funny"),
        (["--json"], #"{"id":"a","text":"hi"}"#),
        (["--jsonl"], #"{"id":"a","text":"hi"}"# + "\n" + #"{"id":"b","text":"Olly"}"# + "\n"),
        (["--jsonl", "--report"], #"{"id":"a","text":"hi"}"# + "\n"),
    ])
    func aFullDiskIsAReportedError(mode: [String], input: String) throws {
        let run = try ShellCLI.run(["check"] + mode + rules, redirecting: "> /dev/full", input: Data(input.utf8))
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "safepost: cannot write the output: No space left on device\n", "\(run.stderr)")
    }

    @Test func aFullDiskIsReportedByEvalAndConcerns() throws {
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-concerns-\(UUID().uuidString).jsonl")
        try Data("{\"time\":\"2026-11-25T10:00:00Z\",\"categories\":[\"safeguarding\"],\"rules\":[\"r\"],\"redacted\":\"x\"}\n".utf8).write(to: record)
        defer { try? FileManager.default.removeItem(at: record) }
        for mode in [[], ["--json"]] {
            let run = try ShellCLI.run(["concerns", "--file", record.path] + mode, redirecting: "> /dev/full")
            #expect(run.status == 2 && run.stderr.contains("cannot write the output"), "\(mode) \(run.stderr)")
        }
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-corpus-\(UUID().uuidString).jsonl")
        try Data(#"{"id":"1","text":"Lovely sunny morning","label":"clean"}"#.utf8).write(to: corpus)
        defer { try? FileManager.default.removeItem(at: corpus) }
        let eval = try ShellCLI.run(["eval"] + rules + [corpus.path], redirecting: "> /dev/full")
        #expect(eval.status == 2 && eval.stderr.contains("cannot write the output"), "\(eval.stderr)")
    }

    @Test func aFullDiskIsReportedByRulesCheck() throws {
        let run = try ShellCLI.run(["rules", "check", Fixtures.rulesDirectory], redirecting: "> /dev/full")
        #expect(run.status == 2 && run.stderr.contains("cannot write the output"), "\(run.stderr)")
    }

    /// `--jsonl` answers each line as it arrives, before the input ends: a batch of any length
    /// needs memory for one line, and a chat bridge can keep one process open.
    @Test func aBatchIsAnsweredLineByLineBeforeTheInputEnds() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", "--jsonl", "--max-bytes", "100"] + rules
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var pending = Data()
        func nextLine() throws -> String {
            while !pending.contains(0x0A) {
                let more = stdout.fileHandleForReading.availableData
                if more.isEmpty { return "" }  // end of output: the process has gone
                pending.append(more)
            }
            let end = pending.firstIndex(of: 0x0A)!
            defer { pending = Data(pending[(end + 1)...]) }
            return String(decoding: pending[..<end], as: UTF8.self)
        }
        try stdin.fileHandleForWriting.write(contentsOf: Data((#"{"id":"a","text":"Olly fell over"}"# + "\n").utf8))
        #expect(try nextLine().hasPrefix(#"{"id":"a","verdict":"block""#))
        // A line over the limit is skipped as it is read, and the batch goes on.
        try stdin.fileHandleForWriting.write(contentsOf: Data((#"{"id":"b","text":""# + String(repeating: "x", count: 5000) + "\"}\n").utf8))
        #expect(try nextLine() == #"{"error":{"code":"too-large","message":"line 2: request body is 5020 bytes; the limit is 100 bytes (--max-bytes raises it)"}}"#)
        try stdin.fileHandleForWriting.write(contentsOf: Data(#"{"id":"c","text":"hi"}"#.utf8))
        try stdin.fileHandleForWriting.close()
        #expect(try nextLine() == #"{"id":"c","verdict":"allow","findings":[],"redacted":"hi"}"#)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
    }

    /// A reader that has gone away: exit 2 with a message, not death by SIGPIPE.
    @Test func aClosedPipeIsAnErrorExit() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", "--jsonl"] + rules
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stdout.fileHandleForReading.close()
        try stdin.fileHandleForWriting.write(contentsOf: Data(#"{"id":"a","text":"hi"}"#.utf8))
        try stdin.fileHandleForWriting.close()
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 2)
        #expect(err == "safepost: cannot write the output: Broken pipe\n", "\(err)")
    }

    /// `--json` answers a scan failure on standard output, as `--jsonl` does for the line.
    @Test func aScanFailureGetsAJSONErrorObject() throws {
        let catastrophic = """
            rule qa-catastrophic
              category  personal-info
              clause    staff-personal
              triggers  aaaa
              pattern   (a+)+[bc]
              match     aaaa aaab

            """
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz-catastrophic.rules": catastrophic])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let request = #"{"id":"c","text":"Olly aaaa "# + String(repeating: "a", count: 64) + #"!"}"#
        let one = try CLI.run(["check", "--json", "--rules", dir], input: Data(request.utf8))
        let batch = try CLI.run(["check", "--jsonl", "--rules", dir], input: Data(request.utf8))
        #expect(one.status == 2 && batch.status == 2)
        #expect(one.stdout.hasPrefix(#"{"id":"c","error":{"code":"scan-failed","message":""#), "\(one.stdout)")
        #expect(one.stdout.hasSuffix("}\n") && one.stdout.split(separator: "\n").count == 1)
        #expect(batch.stdout == one.stdout.replacingOccurrences(of: #""message":""#, with: #""message":"line 1: "#), "\(batch.stdout)")
    }

    /// The whole size is named for a file, without reading it all: the data limit (100 MB, 1 byte
    /// less than the file) leaves no room for the whole file in memory.
    @Test func anOversizeFileIsRefusedWithItsSize() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-big-\(UUID().uuidString).txt")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: costs no disk
        try handle.close()
        for mode in [[], ["--json"]] {
            let run = try ShellCLI.run(["check"] + mode + rules + [file.path], redirecting: "", limitingDataTo: 102_400)
            #expect(run.status == 2)
            #expect(run.stderr == "safepost: request body is 104857600 bytes; the limit is 4194304 bytes (--max-bytes raises it)\n", "\(run.stderr)")
        }
    }

    /// Standard input over the limit is refused once limit + 1 bytes have come, even while the
    /// writer still holds the pipe open (reading to the end first would wait for ever).
    @Test func oversizeStandardInputIsRefusedAfterLimitPlusOneBytes() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", "--max-bytes", "1000"] + rules
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(repeating: 0x61, count: 1001))
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let finishedEarly = !process.isRunning
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(finishedEarly, "safepost waited for the end of its input")
        #expect(process.terminationStatus == 2)
        #expect(err == "safepost: request body is more than 1000 bytes; the limit is 1000 bytes (--max-bytes raises it)\n", "\(err)")
    }
}
