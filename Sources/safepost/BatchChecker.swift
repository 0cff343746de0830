import Foundation
import SafepostModel
import SafepostScanning
import SafepostWire

/// Screens JSON lines: one response line per input line, in order; a bad line gets an error
/// line naming its line number, and the batch goes on.
struct BatchChecker {
    let screener: any Screener
    let readable: Bool
    let maxBytes: Int

    /// Screens each line of `source` as it is read, so that a batch of any length needs memory for
    /// one line only; a line over `maxBytes` is skipped as it is read and answered `too-large`.
    func run(_ source: InputSource) throws -> Int32 {
        var status = ExitStatus.clean
        var out: [UInt8] = []
        var lineNumber = 0
        let now = Timestamp.current
        try source.forEachLine(limit: maxBytes) { (lineBytes, overLimit) in
            lineNumber += 1
            var line = lineBytes[...]
            if line.last == 0x0D { line = line.dropLast() }
            if overLimit == nil && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            out.removeAll(keepingCapacity: true)
            var readableReport: String?
            var stopping = false
            do throws(WireError) {
                if let overLimit { throw overLimit }
                let request = try line.withUnsafeBufferPointer { (b) throws(WireError) in try RequestDecoder.decode(b, maxBytes: maxBytes) }
                do throws(ScreeningFailure) {
                    let result = try screener.screen(request, now: now)
                    if result.verdict != .allow && status == ExitStatus.clean { status = ExitStatus.flagged }
                    if readable {
                        readableReport = ReportPrinter.render(request, result)
                    } else {
                        ResponseEncoder.encode(result, into: &out)
                    }
                } catch {
                    status = ExitStatus.error
                    switch error {
                    case .scanning(let message):
                        Console.error("safepost: line \(lineNumber): scanning failed: \(message)")
                        ResponseEncoder.encode(ScanFailure.wireError(message, id: request.id, line: lineNumber), into: &out)
                    case .refused(var refusal):
                        // As for a bad line: the daemon's error, located, and the batch goes on.
                        refusal.message = "line \(lineNumber): \(refusal.message)"
                        Console.error("safepost: \(refusal.message)")
                        if readable { return true }
                        ResponseEncoder.encode(refusal, into: &out)
                    case .unreachable(let failure):
                        // Nothing further can be screened: stop here rather than fail every line,
                        // but answer this line, so a reader matching lines to answers sees where.
                        Console.error("safepost: line \(lineNumber): \(failure); stopping")
                        status = ExitStatus.error
                        if readable { return false }
                        ResponseEncoder.encode(WireError(code: "unreachable", message: "line \(lineNumber): \(failure); the batch stopped here", id: request.id), into: &out)
                        stopping = true
                    }
                }
            } catch {
                status = ExitStatus.error
                var located = error
                located.message = "line \(lineNumber): \(error.message)"
                Console.error("safepost: \(located.message)")
                if readable { return true }
                ResponseEncoder.encode(located, into: &out)
            }
            if let readableReport {
                try Output.text(readableReport)
            } else {
                try Output.line(out)
            }
            return !stopping
        }
        return status
    }
}
