import HadirProto
import HadirRPC
import HadirRules
import HadirStore

/// AttendanceService: check-ins and check-outs through the group-commit writer, and
/// days computed by the rules from the stored events.
final class AttendanceProvider: AttendanceServiceProvider {
    private let readers: ReaderPool
    private let writer: AttendanceWriter
    private let workTime: WorkTimeStore
    private let capture: CaptureBounds

    init(readers: ReaderPool, writer: AttendanceWriter, workTime: WorkTimeStore, capture: CaptureBounds) {
        self.readers = readers
        self.writer = writer
        self.workTime = workTime
        self.capture = capture
    }

    func checkIn(_ request: Punch, call: ServerCall, reply: Responder<PunchReply>) {
        punch(request, kind: .checkIn, call: call, reply: reply)
    }

    func checkOut(_ request: Punch, call: ServerCall, reply: Responder<PunchReply>) {
        punch(request, kind: .checkOut, call: call, reply: reply)
    }

    private func punch(
        _ request: Punch, kind: HadirStore.PunchKind, call: ServerCall, reply: Responder<PunchReply>
    ) {
        let session = call.requireSession
        let recordedAt: Int64
        switch validate(request, kind: kind, session: session, now: call.receivedAtMs) {
        case .success(let instant): recordedAt = instant
        case .failure(let error): return reply.fail(error)
        }
        let place = request.place ?? Place()
        let command = PunchCommand(
            employeeID: session.employeeID,
            deviceID: session.deviceID,
            eventSeq: request.eventSeq,
            kind: kind,
            mode: request.mode.rawValue,
            capturedAtMs: request.capturedAtMs,
            recordedAtMs: recordedAt,
            receivedAtMs: call.receivedAtMs,
            clockOffsetMs: request.capturedAtMs == 0 ? 0 : session.clockOffsetMs,
            placeName: place.name,
            latitude: place.latitude,
            longitude: place.longitude,
            accuracyM: place.accuracyM
        )
        writer.submit(command) { result in
            switch result {
            case .success(let outcome):
                reply.ok(
                    .with {
                        $0.eventID = UInt64(outcome.eventID)
                        $0.recordedAtMs = outcome.recordedAtMs
                        $0.replayed = outcome.replayed
                    })
            case .failure(let error):
                reply.fail(RPCError(error))
            }
        }
    }

    /// Checks a punch and returns the instant to record, corrected for the device clock.
    private func validate(
        _ request: Punch, kind: HadirStore.PunchKind, session: Session, now: Int64
    ) -> Result<Int64, RPCError> {
        guard request.eventSeq > 0 else {
            return .failure(.invalidArgument("event_seq", "must be 1 or more"))
        }
        // A check-out may leave the mode out: it ends the session in whatever mode it had.
        guard request.mode != .unspecified || kind == .checkOut else {
            return .failure(.invalidArgument("mode", "required: WFO, WFA, WFH or DINAS_LUAR"))
        }
        // A mode this version does not name is kept as its number: a newer app may
        // know modes the server does not yet.
        guard request.mode.rawValue >= 0 else {
            return .failure(.invalidArgument("mode", "negative work mode \(request.mode.rawValue)"))
        }
        if let place = request.place {
            if place.name.utf8.count > 200 {
                return .failure(.invalidArgument("place.name", "longer than 200 bytes"))
            }
            if !(place.latitude >= -90 && place.latitude <= 90) {
                return .failure(.invalidArgument("place.latitude", "must be within -90 and 90"))
            }
            if !(place.longitude >= -180 && place.longitude <= 180) {
                return .failure(.invalidArgument("place.longitude", "must be within -180 and 180"))
            }
            if !(place.accuracyM >= 0 && place.accuracyM.isFinite) {
                return .failure(.invalidArgument("place.accuracy_m", "must be 0 or more"))
            }
        }
        guard request.capturedAtMs != 0 else { return .success(now) }
        guard request.capturedAtMs > 0 else {
            return .failure(.invalidArgument("captured_at_ms", "must be after 1970"))
        }
        // Both terms are bounded (the offset by Hello), so the difference cannot overflow.
        let corrected = request.capturedAtMs.clamped(by: 1 << 60) - session.clockOffsetMs
        if corrected > now + capture.maxAheadMs {
            return .failure(
                RPCError(
                    .outOfRange,
                    "captured_at_ms: \(corrected - now) ms in the future, more than the "
                        + "\(capture.maxAheadMs) ms allowed"
                ))
        }
        if corrected < now - capture.maxBehindMs {
            return .failure(
                RPCError(
                    .outOfRange,
                    "captured_at_ms: older than the \(capture.maxBehindMs / 3_600_000) h "
                        + "an offline event may be sent late"
                ))
        }
        return .success(corrected)
    }

    func getDay(_ request: GetDayRequest, call: ServerCall, reply: Responder<Day>) {
        let session = call.requireSession
        let date: LocalDate
        if request.date.isEmpty {
            // "Today" is the employee's, in their unit's zone, not the caller's.
            var zone = session.zone
            if request.employeeID != 0, request.employeeID <= UInt64(Int64.max),
                let own = try? workTime.zone(of: Int64(request.employeeID))
            {
                zone = own
            }
            date = zone.localDate(ofInstant: call.receivedAtMs)
        } else {
            do {
                date = try Validation.date(request.date, field: "date")
            } catch {
                return reply.fail(error)
            }
        }
        days(of: request.employeeID, from: date, through: date, call: call) { result in
            reply.complete(result.map { $0.days.first ?? Day() })
        }
    }

    func listDays(_ request: ListDaysRequest, call: ServerCall, reply: Responder<ListDaysReply>) {
        let from: LocalDate
        let to: LocalDate
        do {
            from = try Validation.date(request.from, field: "from")
            to = try Validation.date(request.to, field: "to")
        } catch {
            return reply.fail(error)
        }
        guard from <= to else { return reply.fail(.invalidArgument("to", "before from")) }
        guard from.days(to: to) + 1 <= 366 else {
            return reply.fail(
                .invalidArgument("to", "a range holds at most 366 days, this one \(from.days(to: to) + 1)"))
        }
        days(of: request.employeeID, from: from, through: to, call: call) { reply.complete($0) }
    }

    /// Computes the days of an employee the caller may see: the same computation as
    /// WorkTimeService's weeks and months, approved corrections and leave included.
    private func days(
        of employeeID: UInt64, from: LocalDate, through last: LocalDate, call: ServerCall,
        _ done: (Result<ListDaysReply, RPCError>) -> Void
    ) {
        let session = call.requireSession
        do {
            let target =
                employeeID == 0
                ? session.employeeID : try Validation.employeeID(employeeID, field: "employee_id")
            if target != session.employeeID {
                guard try readers.read({ try $0.employee(id: target) }) != nil else {
                    return done(.failure(RPCError(.notFound, "employee_id: no employee \(target)")))
                }
                guard try workTime.isAbove(session.employeeID, target) else {
                    return done(
                        .failure(RPCError(.permissionDenied, "employee_id: \(target) does not report to you"))
                    )
                }
            }
            var reply = ListDaysReply()
            for day in try workTime.computeDays(
                employeeID: target, from: from, through: last, now: call.receivedAtMs)
            {
                reply.days.append(Day(day, employeeID: target))
                reply.workedSeconds += day.workedSeconds
            }
            done(.success(reply))
        } catch {
            done(.failure(.from(error)))
        }
    }
}

/// How far from the server's clock a device may claim an event happened.
public struct CaptureBounds: Sendable {
    /// Events corrected to more than this ahead of now are refused: 5 minutes.
    public var maxAheadMs: Int64 = 5 * 60 * 1000
    /// Events corrected to more than this before now are refused: 72 hours.
    public var maxBehindMs: Int64 = 72 * 3600 * 1000

    public init() {}
}

/// The city's policy and holidays, loaded once at start.
struct CityCalendar: Sendable {
    var policy: UnitPolicy
    var workCalendar: WorkCalendar
}

extension Day {
    init(_ day: WorkDay, employeeID: Int64) {
        self.init()
        date = day.date.iso
        status = DayStatus(rawValue: day.status.rawValue)
        sessions = day.sessions.map { session in
            WorkSession.with {
                $0.checkInMs = session.checkIn ?? 0
                $0.checkOutMs = session.checkOut ?? 0
                $0.mode = WorkMode(rawValue: session.mode)
                $0.placeName = session.placeName
            }
        }
        workedSeconds = day.workedSeconds
        breakSeconds = day.breakSeconds
        requiredSeconds = day.requiredSeconds
        holiday = day.holidayName ?? ""
        self.employeeID = UInt64(employeeID)
        marks = day.marks.map { mark in
            DisciplineMark.with {
                $0.tier = mark.tier
                $0.minutes = mark.minutes ?? -1
                $0.deductionBasisPoints = Int32(clamping: mark.deductionBasisPoints)
            }
        }
    }
}
