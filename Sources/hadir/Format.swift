import Foundation
import HadirProto

/// How the CLI shows times, durations and days.
enum Format {
    static func zone(_ name: String) -> TimeZone {
        TimeZone(identifier: name) ?? TimeZone(identifier: "Asia/Jakarta")!
    }

    static func time(_ ms: Int64, _ zoneName: String) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone(zoneName)
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// `text` padded (or cut) to `width` characters, for aligned columns.
    static func column(_ text: String, _ width: Int) -> String {
        text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    static func duration(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        return s % 60 == 0
            ? "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m"
            : "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m\(String(format: "%02d", s % 60))s"
    }

    static func mode(_ mode: WorkMode) -> String {
        switch mode {
        case .wfo: "WFO"
        case .wfa: "WFA"
        case .wfh: "WFH"
        case .dinasLuar: "DL"
        default: "-"
        }
    }

    static func status(_ status: DayStatus) -> String {
        status.protoName.map { $0.replacingOccurrences(of: "DAY_STATUS_", with: "").lowercased() }
            ?? "\(status.rawValue)"
    }

    static func day(_ day: Day, zone: String, name: String) -> String {
        var lines = [
            "\(name), \(day.date): \(status(day.status)), worked \(duration(day.workedSeconds)) "
                + "of \(duration(day.requiredSeconds)), break \(duration(day.breakSeconds))"
        ]
        if !day.holiday.isEmpty { lines.append("  holiday: \(day.holiday)") }
        for mark in day.marks {
            let minutes = mark.minutes < 0 ? "no record" : "\(mark.minutes) min"
            lines.append(
                "  \(mark.tier): \(minutes), deducts \(Double(mark.deductionBasisPoints) / 100)% of TPP")
        }
        for session in day.sessions {
            let start = session.checkInMs == 0 ? "--:--:--" : time(session.checkInMs, zone)
            let end = session.checkOutMs == 0 ? "(open)" : time(session.checkOutMs, zone)
            let place = session.placeName.isEmpty ? "" : " at \(session.placeName)"
            lines.append("  \(start) - \(end)  \(mode(session.mode))\(place)")
        }
        return lines.joined(separator: "\n")
    }

    static func dayLine(_ day: Day) -> String {
        let holiday = day.holiday.isEmpty ? "" : "  \(day.holiday)"
        return "\(day.date)  \(column(status(day.status), 12)) "
            + "\(duration(day.workedSeconds))\(holiday)"
    }

    static func today(_ zoneName: String) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone(zoneName)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
