import Foundation

/// Wall clock helpers in milliseconds since the Unix epoch, UTC.
public enum WallClock {
    /// Now, in milliseconds since the epoch.
    public static func nowMs() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000)
    }

    /// `ms` as an ISO 8601 UTC instant, `2025-05-02T01:30:00Z`.
    static func iso(_ ms: Int64) -> String {
        var seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec
        )
    }

    /// Today's year and month in UTC.
    static func currentYearMonth() -> (year: Int, month: Int) {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1)
    }
}
