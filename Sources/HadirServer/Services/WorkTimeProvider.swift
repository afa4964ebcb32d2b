import Dispatch
import HadirProto
import HadirRPC
import HadirRules
import HadirStore

/// WorkTimeService: weeks and months computed by the rules, team days and unit
/// reports looked up in the maintained day totals, absences and corrections.
///
/// Permissions: a person may see their own days and ask for their own corrections;
/// everyone above them in the reporting chain (directly or not) may see their days,
/// record their absences and decide their corrections. The head of a unit may also
/// record absences for its employees and read its report.
///
/// Work runs off the event loop, on a global queue: each call answers when done.
final class WorkTimeProvider: WorkTimeServiceProvider {
    private let store: WorkTimeStore
    private let readers: ReaderPool
    private let queue = DispatchQueue(label: "hadir.worktime", attributes: .concurrent)

    init(store: WorkTimeStore, readers: ReaderPool) {
        self.store = store
        self.readers = readers
    }

    // MARK: - Weeks and months (computed)

    func getWeek(_ request: GetWeekRequest, call: ServerCall, reply: Responder<Week>) {
        run(reply) { [self] in
            let session = call.requireSession
            let target = try target(request.employeeID, call)
            let zone = try store.zone(of: target) ?? session.zone
            let date = try date(request.date, field: "date", zone: zone, now: call.receivedAtMs)
            let monday = date.startOfWeek
            let sunday = monday.adding(days: 6)
            let policy = try store.policy(of: target)
            let window = policy.eventWindow(from: monday, through: sunday, zone: zone)
            let events = try store.effectiveEvents(employeeID: target, window: window)
            let calendar = try calendar(target, from: monday, through: sunday)
            let week = policy.workWeek(
                containing: date, events: events, zone: zone, calendar: calendar, now: call.receivedAtMs)
            return Week.with {
                $0.start = week.start.iso
                $0.days = week.days.map { Day($0, employeeID: target) }
                $0.workedSeconds = week.workedSeconds
                $0.requiredSeconds = week.requiredSeconds
                $0.status = HadirProto.PeriodStatus(rawValue: week.status.rawValue)
                $0.excusedDates = week.excusedDates.map(\.iso)
                $0.employeeID = UInt64(target)
            }
        }
    }

    func getMonth(_ request: GetMonthRequest, call: ServerCall, reply: Responder<Month>) {
        run(reply) { [self] in
            let session = call.requireSession
            let target = try target(request.employeeID, call)
            let zone = try store.zone(of: target) ?? session.zone
            let first: LocalDate
            if request.month.isEmpty {
                first = zone.localDate(ofInstant: call.receivedAtMs).startOfMonth
            } else if let parsed = LocalDate(iso: request.month + "-01") {
                first = parsed
            } else {
                throw RPCError.invalidArgument("month", "expected YYYY-MM, got \"\(request.month)\"")
            }
            let last = first.adding(days: first.daysInMonth - 1)
            let from = first.startOfWeek
            let through = last.startOfWeek.adding(days: 6)
            let policy = try store.policy(of: target)
            let window = policy.eventWindow(from: from, through: through, zone: zone)
            let events = try store.effectiveEvents(employeeID: target, window: window)
            let calendar = try calendar(target, from: from, through: through)
            guard
                let month = policy.workMonth(
                    year: first.year, month: first.month, events: events, zone: zone, calendar: calendar,
                    now: call.receivedAtMs)
            else { throw RPCError.invalidArgument("month", "no such month") }
            return Month.with {
                $0.month = String(first.iso.prefix(7))
                $0.days = month.days.map { Day($0, employeeID: target) }
                $0.workedSeconds = month.workedSeconds
                $0.requiredSeconds = month.requiredSeconds
                $0.metDays = Int32(month.metDays)
                $0.excusedDays = Int32(month.excusedDays)
                $0.shortDays = Int32(month.shortDays)
                $0.absentDays = Int32(month.absentDays)
                $0.incompleteDays = Int32(month.incompleteDays)
                $0.leaveDays = Int32(month.leaveDays)
                $0.nonWorkingDays = Int32(month.nonWorkingDays)
                $0.openDays = Int32(month.openDays)
                $0.deductionBasisPoints = month.cappedDeductionBasisPoints
                $0.employeeID = UInt64(target)
            }
        }
    }

    // MARK: - Team day and unit report (looked up)

    func getTeamDay(_ request: GetTeamDayRequest, call: ServerCall, reply: Responder<TeamDay>) {
        run(reply) { [self] in
            let session = call.requireSession
            let supervisor = try target(request.supervisorID, call, field: "supervisor_id")
            let limit = try pageSize(request.pageSize)
            let after = try pageToken(request.pageToken)
            let zone = try store.zone(of: supervisor) ?? session.zone
            let date = try date(request.date, field: "date", zone: zone, now: call.receivedAtMs)
            let members = try store.members(below: supervisor, afterID: after, limit: limit + 1)
            var page = TeamDay()
            page.date = date.iso
            for member in members.prefix(limit) {
                let row = try store.dayTotals(employeeID: member.employee.id, from: date.iso, to: date.iso)[
                    date.iso]
                page.members.append(teamMember(member, date: date, row: row, now: call.receivedAtMs))
            }
            if members.count > limit, let last = members.prefix(limit).last {
                page.nextPageToken = String(last.employee.id)
            }
            return page
        }
    }

    func getUnitReport(_ request: GetUnitReportRequest, call: ServerCall, reply: Responder<UnitReport>) {
        run(reply) { [self] in
            let session = call.requireSession
            guard !request.unitCode.isEmpty else { throw RPCError.invalidArgument("unit_code", "required") }
            let from = try Validation.date(request.from, field: "from")
            let to = try Validation.date(request.to, field: "to")
            guard from <= to else { throw RPCError.invalidArgument("to", "before from") }
            guard from.days(to: to) < 62 else {
                throw RPCError.invalidArgument(
                    "to", "a report holds at most 62 days, this one \(from.days(to: to) + 1)")
            }
            let limit = try pageSize(request.pageSize)
            let after = try pageToken(request.pageToken)
            guard let unit = try readers.read({ try $0.unit(code: request.unitCode) }) else {
                throw RPCError(.notFound, "unit_code: no unit \"\(request.unitCode)\"")
            }
            // The unit's head or anyone above the head may report on it; otherwise the
            // caller must be above every employee on the page. Asked before reading the
            // page, so that an empty page tells a stranger nothing either.
            let me = session.employeeID
            let aboveHead =
                try unit.headEmployeeID != 0
                && (unit.headEmployeeID == me || store.isAbove(me, unit.headEmployeeID))
            let members = try store.members(ofUnit: unit.code, afterID: after, limit: limit + 1)
            if !aboveHead && members.isEmpty {
                throw RPCError(.permissionDenied, "unit_code: \(unit.code) is not yours to report on")
            }
            if !aboveHead {
                for member in members.prefix(limit) where member.employee.id != session.employeeID {
                    guard try store.isAbove(session.employeeID, member.employee.id) else {
                        throw RPCError(.permissionDenied, "unit_code: \(unit.code) is not yours to report on")
                    }
                }
            }
            var report = UnitReport()
            report.unitCode = unit.code
            report.from = from.iso
            report.to = to.iso
            for member in members.prefix(limit) {
                let rows = try store.dayTotals(employeeID: member.employee.id, from: from.iso, to: to.iso)
                var line = UnitReportRow.with {
                    $0.employeeID = UInt64(member.employee.id)
                    $0.nip = member.employee.nip
                    $0.name = member.employee.name
                }
                var date = from
                while date <= to {
                    let status: HadirRules.DayStatus
                    if let row = rows[date.iso] {
                        status = row.status
                        line.workedSeconds += row.workedSeconds
                    } else {
                        status = store.derivedDay(
                            date, zone: member.zone, policy: try store.policy(of: member.employee.id),
                            now: call.receivedAtMs
                        ).status
                    }
                    switch status {
                    case .met: line.metDays += 1
                    case .leave: line.leaveDays += 1; line.metDays += 1
                    case .short: line.shortDays += 1
                    case .absent: line.absentDays += 1
                    case .incomplete: line.incompleteDays += 1
                    case .nonWorking, .pending, .inProgress: break
                    }
                    date = date.adding(days: 1)
                }
                report.rows.append(line)
            }
            if members.count > limit, let last = members.prefix(limit).last {
                report.nextPageToken = String(last.employee.id)
            }
            return report
        }
    }

    // MARK: - Absences and corrections

    func recordAbsence(
        _ request: RecordAbsenceRequest, call: ServerCall, reply: Responder<RecordAbsenceReply>
    ) {
        run(reply) { [self] in
            let session = call.requireSession
            guard request.employeeID != 0 else { throw RPCError.invalidArgument("employee_id", "required") }
            let target = Int64(clamping: request.employeeID)
            guard let kind = HadirRules.AbsenceKind(rawValue: request.kind.rawValue) else {
                throw RPCError.invalidArgument("kind", "required: one of CUTI_TAHUNAN ... PELATIHAN")
            }
            guard let from = LocalDate(iso: request.from) else {
                throw RPCError.invalidArgument("from", "expected YYYY-MM-DD, got \"\(request.from)\"")
            }
            guard let to = LocalDate(iso: request.to) else {
                throw RPCError.invalidArgument("to", "expected YYYY-MM-DD, got \"\(request.to)\"")
            }
            guard from <= to else { throw RPCError.invalidArgument("to", "before from") }
            guard from.days(to: to) < 366 else {
                throw RPCError.invalidArgument(
                    "to", "an absence holds at most 366 days, this one \(from.days(to: to) + 1)")
            }
            guard request.note.utf8.count <= 500 else {
                throw RPCError.invalidArgument("note", "longer than 500 bytes")
            }
            guard let employee = try readers.read({ try $0.employee(id: target) }) else {
                throw RPCError(.notFound, "employee_id: no employee \(target)")
            }
            let isHead =
                try readers.read { try $0.unit(code: employee.unitCode) }?.headEmployeeID
                == session.employeeID
            let above = try store.isAbove(session.employeeID, target)
            guard target != session.employeeID, isHead || above else {
                throw RPCError(.permissionDenied, "employee_id: \(target) does not report to you")
            }
            let days = try store.recordAbsence(
                employeeID: target, kind: kind, from: from, through: to, note: request.note,
                recordedBy: session.employeeID, at: call.receivedAtMs)
            return RecordAbsenceReply.with { $0.days = Int32(days) }
        }
    }

    func requestCorrection(
        _ request: RequestCorrectionRequest, call: ServerCall, reply: Responder<Correction>
    ) {
        run(reply) { [self] in
            let session = call.requireSession
            let reason = request.reason
            guard reason.contains(where: { !$0.isWhitespace }) else {
                throw RPCError.invalidArgument("reason", "required")
            }
            guard reason.utf8.count <= 500 else {
                throw RPCError.invalidArgument("reason", "longer than 500 bytes")
            }
            let action: CorrectionRecord.Action
            var kind: HadirRules.PunchKind?
            switch request.action {
            case .add:
                action = .add
                guard let parsed = HadirRules.PunchKind(rawValue: request.punchKind) else {
                    throw RPCError.invalidArgument("punch_kind", "1 (check-in) or 2 (check-out)")
                }
                kind = parsed
            case .move: action = .move
            case .remove: action = .remove
            default: throw RPCError.invalidArgument("action", "required: ADD, MOVE or REMOVE")
            }
            if action != .remove {
                guard request.atMs > 0 else { throw RPCError.invalidArgument("at_ms", "required") }
                guard request.atMs <= call.receivedAtMs else {
                    throw RPCError.invalidArgument("at_ms", "in the future")
                }
            }
            if action != .add, request.eventID == 0 { throw RPCError.invalidArgument("event_id", "required") }
            let record = try store.requestCorrection(
                employeeID: session.employeeID, action: action, punchKind: kind, atMs: request.atMs,
                eventID: Int64(clamping: request.eventID), mode: request.mode.rawValue, reason: reason,
                requestedBy: session.employeeID, requestedAt: call.receivedAtMs)
            return Correction(record)
        }
    }

    func decideCorrection(_ request: DecideCorrectionRequest, call: ServerCall, reply: Responder<Correction>)
    {
        run(reply) { [self] in
            let session = call.requireSession
            guard request.id != 0 else { throw RPCError.invalidArgument("id", "required") }
            guard request.note.utf8.count <= 500 else {
                throw RPCError.invalidArgument("note", "longer than 500 bytes")
            }
            let id = Int64(clamping: request.id)
            guard let record = try store.correction(id: id) else {
                throw RPCError(.notFound, "id: no correction \(id)")
            }
            guard record.employeeID != session.employeeID,
                try store.isAbove(session.employeeID, record.employeeID)
            else {
                throw RPCError(.permissionDenied, "id: correction \(id) is not of someone who reports to you")
            }
            if !request.approve, !request.note.contains(where: { !$0.isWhitespace }) {
                throw RPCError.invalidArgument("note", "required to reject")
            }
            let decided = try store.decideCorrection(
                id: id, approve: request.approve, note: request.note, decidedBy: session.employeeID,
                at: call.receivedAtMs)
            return Correction(decided)
        }
    }

    func listPendingCorrections(
        _ request: ListPendingCorrectionsRequest, call: ServerCall,
        reply: Responder<ListPendingCorrectionsReply>
    ) {
        run(reply) { [self] in
            let session = call.requireSession
            let limit = try pageSize(request.pageSize)
            let after = try pageToken(request.pageToken)
            let records = try store.pendingCorrections(
                below: session.employeeID, afterID: after, limit: limit + 1)
            var page = ListPendingCorrectionsReply()
            page.corrections = records.prefix(limit).map(Correction.init)
            if records.count > limit, let last = records.prefix(limit).last {
                page.nextPageToken = String(last.id)
            }
            return page
        }
    }

    // MARK: - Helpers

    private func run<T>(_ reply: Responder<T>, _ body: @escaping @Sendable () throws -> T) {
        queue.async {
            do {
                reply.ok(try body())
            } catch {
                reply.fail(.from(error))
            }
        }
    }

    /// The employee asked about: the caller when 0; otherwise someone below the caller.
    private func target(_ requested: UInt64, _ call: ServerCall, field: String = "employee_id") throws
        -> Int64
    {
        let me = call.requireSession.employeeID
        guard requested != 0, Int64(clamping: requested) != me else { return me }
        let target = try Validation.employeeID(requested, field: field)
        guard try readers.read({ try $0.employee(id: target) }) != nil else {
            throw RPCError(.notFound, "\(field): no employee \(target)")
        }
        guard try store.isAbove(me, target) else {
            throw RPCError(.permissionDenied, "\(field): \(target) does not report to you")
        }
        return target
    }

    private func date(_ text: String, field: String, zone: WorkZone, now: Int64) throws -> LocalDate {
        try Validation.date(text, field: field, orTodayIn: zone, now: now)
    }

    private func pageSize(_ size: UInt32) throws -> Int {
        if size == 0 { return 100 }
        guard size <= 500 else { throw RPCError.invalidArgument("page_size", "at most 500") }
        return Int(size)
    }

    private func pageToken(_ token: String) throws -> Int64 {
        if token.isEmpty { return 0 }
        guard let after = Int64(token), after > 0 else {
            throw RPCError.invalidArgument("page_token", "not a token this server gave")
        }
        return after
    }

    private func calendar(_ employeeID: Int64, from: LocalDate, through last: LocalDate) throws
        -> WorkCalendar
    {
        var absences: [LocalDate: Absence] = [:]
        for record in try store.absences(employeeID: employeeID, from: from.iso, to: last.iso) {
            if let date = LocalDate(iso: record.date) {
                absences[date] = Absence(kind: record.kind, note: record.note)
            }
        }
        return WorkCalendar(holidays: store.holidays, weekendDays: store.weekendDays, absences: absences)
    }

    private func teamMember(_ member: WorkTimeStore.Member, date: LocalDate, row: DayTotalRecord?, now: Int64)
        -> TeamMember
    {
        var out = TeamMember.with {
            $0.employeeID = UInt64(member.employee.id)
            $0.nip = member.employee.nip
            $0.name = member.employee.name
            $0.unitCode = member.employee.unitCode
        }
        if let row {
            out.status = HadirProto.DayStatus(rawValue: row.status.rawValue)
            out.workedSeconds = row.workedSeconds
            out.breakSeconds = row.breakSeconds
            out.updatedAtMs = row.updatedAtMs
        } else {
            out.status = HadirProto.DayStatus(
                rawValue: store.derivedDay(
                    date, zone: member.zone, policy: try? store.policy(of: member.employee.id), now: now
                ).status.rawValue)
        }
        return out
    }
}

extension Correction {
    init(_ record: CorrectionRecord) {
        self.init()
        id = UInt64(record.id)
        employeeID = UInt64(record.employeeID)
        action = CorrectionAction(rawValue: record.action.rawValue)
        punchKind = record.punchKind?.rawValue ?? 0
        atMs = record.atMs
        eventID = UInt64(record.eventID)
        reason = record.reason
        state = CorrectionState(rawValue: record.state.rawValue)
        requestedBy = UInt64(record.requestedBy)
        requestedAtMs = record.requestedAtMs
        decidedBy = UInt64(record.decidedBy)
        decidedAtMs = record.decidedAtMs
        decisionNote = record.decisionNote
    }
}
