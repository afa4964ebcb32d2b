@testable import HadirRules

/// A date from `YYYY-MM-DD`, trapping on a typo in a test.
func date(_ iso: String) -> LocalDate {
    guard let value = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return value
}

/// The instant (ms) when the wall clock in `zone` reads `time` ("HH:MM" or "HH:MM:SS") on `day`.
func instant(_ day: String, _ time: String, in zone: WorkZone = .wib) -> Int64 {
    let parts = time.split(separator: ":").map { Int($0)! }
    let seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
    return zone.instant(of: date(day), wallSeconds: seconds)
}

/// The instant (ms) of a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ".
func utc(_ text: String) -> Int64 {
    let day = date(String(text.prefix(10)))
    let clock = text.dropFirst(11).prefix(8).split(separator: ":").map { Int64($0)! }
    return (Int64(day.daysSinceEpoch) * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]) * 1000
}

/// Builds punches with increasing ids.
struct Punches {
    var events: [AttendanceEvent] = []
    var zone: WorkZone = .wib

    mutating func checkIn(_ day: String, _ time: String, place: String = "") {
        add(.checkIn, day, time, place)
    }

    mutating func checkOut(_ day: String, _ time: String, place: String = "") {
        add(.checkOut, day, time, place)
    }

    private mutating func add(_ kind: PunchKind, _ day: String, _ time: String, _ place: String) {
        events.append(
            AttendanceEvent(
                id: Int64(events.count + 1), kind: kind, at: instant(day, time, in: zone),
                mode: 1, placeName: place))
    }
}

let hour: Int64 = 3600
let minute: Int64 = 60
