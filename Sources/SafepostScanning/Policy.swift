import SafepostModel

/// What the policy does with each category, and when staff are at work.
public struct Policy: Sendable {
    public var name: String
    /// The most a finding of each category can ask for; categories absent here are switched off.
    public var actions: [Category: Severity]
    public var workingHours: WorkingHours?

    public init(name: String, actions: [Category: Severity], workingHours: WorkingHours?) {
        self.name = name
        self.actions = actions
        self.workingHours = workingHours
    }
}

/// The days and hours staff are at work, in the setting's own time zone: one window or more
/// (a playgroup's morning sessions and its Tuesday and Thursday afternoons).
public struct WorkingHours: Sendable {
    /// Days and a span of minutes on each of them.
    public struct Window: Sendable, Equatable {
        /// ISO weekdays: 1 = Monday … 7 = Sunday.
        public var days: Set<Int>
        /// Minutes after local midnight: the window runs from the start to the end, both included
        /// ("to = 16:30": a draft sent at 16:30:00 is sent at work, one at 16:30:01 is not), as the
        /// corpus checker (`Corpus/check_corpus.py`) reads the hours.
        public var startMinute: Int
        public var endMinute: Int

        public init(days: Set<Int>, startMinute: Int, endMinute: Int) {
            self.days = days
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    public var windows: [Window]
    public var zoneName: String
    public var zone: UTCOffsetTable

    public init(windows: [Window], zoneName: String, zone: UTCOffsetTable) {
        self.windows = windows
        self.zoneName = zoneName
        self.zone = zone
    }

    /// One window on `days`.
    public init(days: Set<Int>, startMinute: Int, endMinute: Int, zoneName: String, zone: UTCOffsetTable) {
        self.init(windows: [Window(days: days, startMinute: startMinute, endMinute: endMinute)], zoneName: zoneName, zone: zone)
    }

    /// True if the instant falls inside one of the windows, local time.
    public func contains(_ t: Timestamp) -> Bool {
        let local = t.secondsSince1970 + Int64(zone.offset(at: t.secondsSince1970))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = Int(local - days * 86_400)
        let weekday = Int(((days % 7) + 7 + 3) % 7) + 1  // 1970-01-01 was a Thursday (ISO 4)
        return windows.contains { $0.days.contains(weekday) && second >= $0.startMinute * 60 && second <= $0.endMinute * 60 }
    }

    /// The first instant from `start` on, in steps of a minute for two weeks, that is inside
    /// (`inside`) or outside the working hours; nil when there is none (no working day, or
    /// every minute of every day). For examples that must hold whatever hours a setting keeps.
    public func firstInstant(inside: Bool, from start: Timestamp) -> Timestamp? {
        var t = start.secondsSince1970
        for _ in 0..<(14 * 24 * 60) {
            if contains(Timestamp(secondsSince1970: t)) == inside { return Timestamp(secondsSince1970: t) }
            t += 60
        }
        return nil
    }
}

/// A time zone as a table of UTC offsets, built once from the system's zone data by the loader.
public struct UTCOffsetTable: Sendable {
    /// Instants (seconds since 1970) from which `offsets[i]` applies; sorted ascending.
    public var transitions: [Int64]
    public var offsets: [Int32]
    public var initialOffset: Int32

    public init(initialOffset: Int32, transitions: [Int64] = [], offsets: [Int32] = []) {
        self.initialOffset = initialOffset
        self.transitions = transitions
        self.offsets = offsets
    }

    public static let utc = UTCOffsetTable(initialOffset: 0)

    /// Seconds east of UTC at an instant.
    public func offset(at t: Int64) -> Int32 {
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }

    /// The local calendar day of an instant.
    public func localDate(_ t: Timestamp) -> CivilDate {
        let local = t.secondsSince1970 + Int64(offset(at: t.secondsSince1970))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return CivilDate(daysSinceEpoch: days)
    }
}
