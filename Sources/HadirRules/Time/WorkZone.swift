import Foundation

/// A unit's time zone: WIB, WITA, WIT, or any IANA zone for staff posted abroad.
///
/// The zone only turns instants into local dates and local wall times into instants.
/// Durations are always differences of instants, so a day with a daylight-saving change
/// abroad is 23 or 25 hours long and a session across the change is counted as lived.
///
/// ```swift
/// let wit = WorkZone.wit                        // Asia/Jayapura, UTC+9
/// let day = LocalDate(iso: "2025-05-06")!
/// wit.startOfDay(day)                           // 2025-05-05T15:00:00Z in ms
/// ```
public struct WorkZone: Sendable, Hashable {
    /// The IANA identifier, e.g. "Asia/Jakarta".
    public let identifier: String
    let timeZone: TimeZone

    /// The zone with this IANA identifier, or nil when the tz database does not know it.
    public init?(identifier: String) {
        guard let timeZone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.timeZone = timeZone
    }

    /// Waktu Indonesia Barat, UTC+7 (Surabaya).
    public static let wib = WorkZone(identifier: "Asia/Jakarta")!
    /// Waktu Indonesia Tengah, UTC+8.
    public static let wita = WorkZone(identifier: "Asia/Makassar")!
    /// Waktu Indonesia Timur, UTC+9.
    public static let wit = WorkZone(identifier: "Asia/Jayapura")!

    public static func == (lhs: WorkZone, rhs: WorkZone) -> Bool {
        lhs.identifier == rhs.identifier
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    /// The zone's offset from UTC, in seconds, at an instant given in ms since the epoch.
    public func offsetSeconds(atInstant ms: Int64) -> Int {
        offset(atSecond: floorDiv(ms, 1000))
    }

    /// The local date on which an instant (ms since the epoch) falls.
    public func localDate(ofInstant ms: Int64) -> LocalDate {
        let second = floorDiv(ms, 1000)
        let local = second + Int64(offset(atSecond: second))
        return LocalDate(daysSinceEpoch: Int(floorDiv(local, 86_400)))
    }

    /// Seconds since local midnight of the instant's local date, as a wall clock reads it.
    public func secondsOfDay(ofInstant ms: Int64) -> Int {
        let second = floorDiv(ms, 1000)
        let local = second + Int64(offset(atSecond: second))
        return Int(local - floorDiv(local, 86_400) * 86_400)
    }

    /// The first instant (ms) of a local date. Where midnight is skipped by a transition,
    /// the day starts at the transition.
    public func startOfDay(_ date: LocalDate) -> Int64 {
        instant(of: date, wallSeconds: 0)
    }

    /// The first instant (ms) of the day after `date`: the exclusive end of `date`.
    public func endOfDay(_ date: LocalDate) -> Int64 {
        startOfDay(date.adding(days: 1))
    }

    /// The instant (ms) at which the wall clock on `date` first reads `wallSeconds` after
    /// midnight (may exceed 86 400 for a time on the next day). A wall time skipped by a
    /// transition maps to the transition itself.
    public func instant(of date: LocalDate, wallSeconds: Int) -> Int64 {
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(wallSeconds)
        return firstInstant(readingLocal: local) * 1000
    }

    // MARK: - Private

    private func offset(atSecond second: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
    }

    /// The earliest instant (s) whose local reading is `local`, or the transition that
    /// jumps over it. Works interval by interval between the zone's transitions, so it
    /// is right for zones whose offset changes at midnight.
    private func firstInstant(readingLocal local: Int64) -> Int64 {
        let margin: Int64 = 30 * 3600
        var bounds: [Int64] = [local - margin]
        var cursor = Date(timeIntervalSince1970: TimeInterval(local - margin))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < TimeInterval(local + margin), bounds.count < 8
        {
            bounds.append(Int64(next.timeIntervalSince1970.rounded(.up)))
            cursor = next
        }
        bounds.append(local + margin)
        var best: Int64?
        for index in 0..<(bounds.count - 1) {
            let low = bounds[index]
            let high = bounds[index + 1]
            let offset = Int64(offset(atSecond: low))
            let candidate = local - offset
            var found: Int64?
            if candidate >= low && candidate < high {
                found = candidate
            } else if index > 0, low + offset > local,
                low - 1 + Int64(self.offset(atSecond: low - 1)) < local
            {
                found = low  // the wall time was skipped; the transition stands in for it
            }
            if let found, best.map({ found < $0 }) ?? true { best = found }
        }
        return best ?? local - Int64(offset(atSecond: local))
    }
}

/// Division rounding toward negative infinity, for instants before the epoch.
@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
