#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A moment on the monotonic clock, against which every wait of this client (and of the mail
/// filter) is measured: connecting, sending, receiving.
///
/// Not `ContinuousClock.Instant`: `ContinuousClock` lives in the `_Concurrency` library, and one
/// use of it links that library and libdispatch into the static `safepost-mail-filter`, whose
/// every start (so every mail) then runs libdispatch's initialiser: about 0.1 ms of CPU and 18
/// page faults on the benchmark machine. `Duration` is in the standard library proper.
public struct Deadline: Comparable, Sendable {
    /// Nanoseconds on `CLOCK_MONOTONIC`.
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// This moment.
    public static var now: Deadline {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Deadline(nanoseconds: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }

    /// `duration` later (saturating: a very long duration is a deadline that never comes).
    public func advanced(by duration: Duration) -> Deadline {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return Deadline(nanoseconds: seconds < 0 ? .min : .max) }
        let (sum, overflowAgain) = nanoseconds.addingReportingOverflow(whole &+ attoseconds / 1_000_000_000)
        if overflowAgain { return Deadline(nanoseconds: seconds < 0 ? .min : .max) }
        return Deadline(nanoseconds: sum)
    }

    /// Time from now until this moment; zero or less once it has passed.
    public var remaining: Duration {
        .nanoseconds(nanoseconds &- Deadline.now.nanoseconds)
    }

    public static func + (deadline: Deadline, duration: Duration) -> Deadline {
        deadline.advanced(by: duration)
    }

    public static func < (a: Deadline, b: Deadline) -> Bool {
        a.nanoseconds < b.nanoseconds
    }
}
