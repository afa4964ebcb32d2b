/// The sessions of one day and their sums, shared by every policy.
struct DayTally {
    var sessions: [WorkSession]
    var workedMilliseconds: Int64
    var breakMilliseconds: Int64

    var hasRunning: Bool { sessions.contains { $0.state == .running } }
    var hasIncomplete: Bool { sessions.contains { $0.isIncomplete } }

    /// Sums the sessions given, already chosen for the day and ordered by anchor.
    init(_ sessions: [WorkSession]) {
        self.sessions = sessions
        workedMilliseconds = sessions.reduce(0) { $0 + $1.workedMilliseconds }
        var breaks: Int64 = 0
        var lastEnd: Int64?
        for session in sessions {
            if let end = lastEnd, let start = session.checkIn, start > end {
                breaks += start - end
            }
            // A session with no end breaks the chain: no break is counted across it.
            lastEnd = session.state == .complete ? session.checkOut : nil
        }
        breakMilliseconds = breaks
    }
}
