import BenchFixtures
@preconcurrency import Benchmark
import SafepostMIME
import ScreeningBenchmarks
import Workload

/// MIME parsing: `MailReader.read` (headers, RFC 2047, multipart, quoted-printable, base64,
/// charsets, HTML to text, attachments → a screening request) over the generated mails that
/// `safepost-mailbench` sends through the filter. No daemon, no I/O.
///
/// Every iteration reads the whole pool once in the same order, so allocation counts are the same
/// from one iteration and run to the next. BytesPerSecond counts the bytes of the mails (headers
/// and all, attachments included), timed inside the iteration around the reading loop only.
let benchmarks: @Sendable () -> Void = {
    for pool in MailPool.allCases {
        Benchmark(
            "Mail.\(pool.rawValue)",
            configuration: .init(
                metrics: ScreeningBenchmarks.metrics,
                warmupIterations: 3,
                scalingFactor: .kilo,
                maxDuration: .seconds(3),
                maxIterations: 300,
                thresholds: ScreeningBenchmarks.thresholds
            )
        ) { benchmark, mails in
            let clock = ContinuousClock()
            let start = clock.now
            var characters = 0
            for mail in mails {
                let extraction = MailReader.read(mail.bytes)
                characters &+= extraction.request.text.utf8.count
            }
            let elapsed = start.duration(to: clock.now)
            blackHole(characters)
            benchmark.measurement(ScreeningBenchmarks.bytesPerSecond, MailPool.bytesPerSecond(mails, elapsed))
        } setup: {
            try pool.mails()
        }
    }
}

/// The pools: 1,000 mails each, from the shipped roster's names and the workload's seed.
enum MailPool: String, CaseIterable {
    /// The mix `safepost-mailbench` uses: about 4 KB and about 40 KB, half each.
    case mix = "ParseMix"
    /// Only the about-4 KB mails of a larger draw.
    case small = "Parse4KB"
    /// Only the about-40 KB mails of a larger draw.
    case large = "Parse40KB"

    func mails() throws -> [GeneratedMail] {
        let names = try Fixtures.shipped().names
        switch self {
        case .mix:
            return Workload.mails(count: 1_000, names: names)
        case .small, .large:
            let size = self == .small ? MailGenerator.sizes[0] : MailGenerator.sizes[1]
            let drawn = Workload.mails(count: 2_600, names: names).filter { $0.sizeClass == size }
            precondition(drawn.count >= 1_000, "too few mails of \(size) bytes in the draw")
            return Array(drawn.prefix(1_000))
        }
    }

    static func bytesPerSecond(_ mails: [GeneratedMail], _ elapsed: Duration) -> Int {
        let bytes = mails.reduce(0) { $0 + $1.bytes.count }
        let (seconds, attoseconds) = elapsed.components
        let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) * 1e-9
        return nanoseconds > 0 ? Int((Double(bytes) * 1e9 / nanoseconds).rounded()) : 0
    }
}
