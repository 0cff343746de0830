import ArgumentParser
import Foundation
import SafepostClient
import SafepostModel
import SafepostScanning
import SafepostWire

/// `safepost check [FILE]`: screen a draft (plain text), one JSON request, or JSON lines.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Screen a draft and report what breaches the policy.",
        discussion: """
            Input is plain text by default (the whole input is the draft); --json reads one request, \
            --jsonl one request per line (a bad line gets an error line and the batch goes on). \
            With --socket PATH the drafts are screened by the safepostd daemon listening there, with \
            its rules, and the output is the same; a daemon that cannot be reached is an error. \
            A draft over --max-bytes (4 MiB by default; safepostd's max-body is 1 MiB by default) \
            is refused after reading one byte more than the limit; with --jsonl the limit is per line. \
            Exit status: 0 allowed, 1 flagged, 2 error (including an input that cannot be read and \
            output that cannot be written).
            """
    )

    @Argument(help: "The input file (default: standard input).")
    var file: String?

    @Flag(help: "Read one JSON request, write one JSON response.")
    var json = false

    @Flag(help: "Read JSON lines, write one JSON response per line in the same order.")
    var jsonl = false

    @Flag(help: "Print the readable report even for JSON input.")
    var report = false

    @Option(help: "For plain text: the author's role (staff, student, parent, committee).")
    var role: Role?

    @Option(help: "For plain text: the author's full name.")
    var author: String?

    @Option(help: "Largest draft accepted, in bytes (safepostd's max-body is separate, 1 MiB by default).")
    var maxBytes = 4 * 1024 * 1024

    @OptionGroup var rules: RulesOption

    @Option(help: ArgumentHelp("Screen through the safepostd daemon on this Unix socket instead of in this process.", valueName: "path"))
    var socket: String?

    @Option(help: "With --socket: seconds to wait for the daemon's answer to each draft.")
    var timeout: Double = 10

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        if json && jsonl { throw ValidationError("--json and --jsonl are two input formats: give one") }
        if (json || jsonl) && (role != nil || author != nil) {
            throw ValidationError("--role and --author are for plain text; a JSON request gives its own author")
        }
    }

    func run() throws {
        let source = try InputSource.open(file)
        let screener: any Screener
        if let socket {
            if rules.rules != nil {
                Console.error("safepost: note: --rules is not used with --socket; the daemon screens with its own rules")
            }
            screener = DaemonScreener(client: SafepostClient(socketPath: socket, timeout: .milliseconds(Int64(timeout * 1000))))
        } else {
            screener = LocalScreener(scanner: DraftScanner(rules: try RulesLocation.load(rules.directory)))
        }
        var status = ExitStatus.clean
        if jsonl {
            // The limit is per line here: a batch is read line by line, and may be of any length.
            status = try BatchChecker(screener: screener, readable: report, maxBytes: maxBytes).run(source)
        } else {
            let (input, tooLarge) = try source.read(limit: maxBytes)
            status = try checkOne { () throws(WireError) in
                if let tooLarge { throw tooLarge }
                if json { return try RequestDecoder.decode(input, maxBytes: maxBytes) }
                return try PlainInput.request(input, role: role, author: author, maxBytes: maxBytes)
            }
        }
        if status != ExitStatus.clean { throw ExitCode(status) }

        func checkOne(_ decode: () throws(WireError) -> ScreeningRequest) throws -> Int32 {
            let request: ScreeningRequest
            do { request = try decode() } catch {
                Console.error("safepost: \(error.message)")
                if json && !report { try printJSON(error) }
                return ExitStatus.error
            }
            let result: ScreeningResult
            do { result = try screener.screen(request, now: .current) } catch {
                switch error {
                case .scanning(let message):
                    Console.error("safepost: scanning failed: \(message)")
                    if json && !report { try printJSON(ScanFailure.wireError(message, id: request.id)) }
                case .refused(let refusal):
                    Console.error("safepost: safepostd refused the draft: \(refusal.message)")
                    if json && !report { try printJSON(refusal) }
                case .unreachable(let failure):
                    Console.error("safepost: \(failure)")
                }
                return ExitStatus.error
            }
            if json && !report {
                var out: [UInt8] = []
                ResponseEncoder.encode(result, into: &out)
                try Output.line(out)
            } else {
                try Output.text(ReportPrinter.render(request, result))
            }
            return result.verdict == .allow ? ExitStatus.clean : ExitStatus.flagged
        }

        /// An error as the JSON object `--json` answers with on standard output, like `--jsonl`.
        func printJSON(_ error: WireError) throws {
            var out: [UInt8] = []
            ResponseEncoder.encode(error, into: &out)
            try Output.line(out)
        }
    }
}

extension Role: ExpressibleByArgument {}

/// Turns plain-text input into a request, refusing binary data and invalid UTF-8 with the offset.
enum PlainInput {
    static func request(_ bytes: [UInt8], role: Role?, author: String?, maxBytes: Int) throws(WireError) -> ScreeningRequest {
        if bytes.count > maxBytes { throw WireError.tooLarge(size: bytes.count, limit: maxBytes, raisedBy: maxBytesFlag) }
        let text = try bytes.withUnsafeBufferPointer { (b) throws(WireError) in try PlainDraft.text(b) }
        let who = role == nil && author == nil ? nil : Author(name: author, role: role)
        return ScreeningRequest(id: "draft", text: text, author: who)
    }
}
