import NIOCore
import SafepostScanning

/// The draft scanners of the daemon: one set per event loop, shared by that loop's connections.
///
/// A `DraftScanner` is not thread-safe, and it keeps scratch buffers sized by the largest draft it
/// has screened. Screening runs synchronously on the connection's event loop, so the connections of
/// one loop can take turns with the same scanner; keeping scanners per loop rather than per
/// connection bounds their memory by the number of threads, not by `max-connections` (512
/// connections that each once sent a 1 MiB draft would otherwise each keep megabytes).
///
/// Each loop keeps scanners for the two most recent rule sets it was asked for: after a reload, a
/// batch still running on the previous rule set and new requests on the current one do not keep
/// rebuilding each other's scanner. Access is checked to happen on the owning loop.
final class LoopScanners: Sendable {
    private let caches: [ObjectIdentifier: NIOLoopBoundBox<ScannerCache>]

    init(group: any EventLoopGroup) {
        var caches: [ObjectIdentifier: NIOLoopBoundBox<ScannerCache>] = [:]
        for loop in group.makeIterator() {
            caches[ObjectIdentifier(loop)] = .makeBoxSendingValue(ScannerCache(), eventLoop: loop)
        }
        self.caches = caches
    }

    /// A scanner for `rules`, for use now on `loop` (the calling thread must be that loop).
    func scanner(on loop: any EventLoop, for rules: RuleSet) -> DraftScanner {
        guard let cache = caches[ObjectIdentifier(loop)] else {
            // A loop outside the group (never in the daemon): a scanner of its own.
            return DraftScanner(rules: rules)
        }
        return cache.value.scanner(for: rules)
    }
}

/// The scanners of one event loop, most recently used first.
final class ScannerCache {
    private var scanners: [DraftScanner] = []

    func scanner(for rules: RuleSet) -> DraftScanner {
        if let index = scanners.firstIndex(where: { $0.rules === rules }) {
            if index != 0 { scanners.swapAt(0, index) }
            return scanners[0]
        }
        let made = DraftScanner(rules: rules)
        scanners.insert(made, at: 0)
        if scanners.count > 2 { scanners.removeLast() }
        return made
    }
}
