import HadirProto
import HadirRPC
import HadirStore

/// DirectoryService: units, employees and who reports to whom.
///
/// Units are public. An employee's record (the NIP holds a birth date) is shown to
/// the employee, to everyone above them, and to everyone below them (one's own
/// supervisors); anyone else is refused PERMISSION_DENIED.
final class DirectoryProvider: DirectoryServiceProvider {
    private let readers: ReaderPool
    private let hierarchy: WorkTimeStore

    init(readers: ReaderPool, hierarchy: WorkTimeStore) {
        self.readers = readers
        self.hierarchy = hierarchy
    }

    /// Whether the caller may see `employeeID`'s record.
    private func maySee(_ employeeID: Int64, call: ServerCall) throws -> Bool {
        let me = call.requireSession.employeeID
        if employeeID == me { return true }
        if try hierarchy.isAbove(me, employeeID) { return true }
        return try hierarchy.isAbove(employeeID, me)
    }

    func listUnits(_ request: ListUnitsRequest, call: ServerCall, reply: Responder<ListUnitsReply>) {
        do {
            let units = try readers.read { reader -> [UnitRecord]? in
                if !request.parentCode.isEmpty, try reader.unit(code: request.parentCode) == nil {
                    return nil
                }
                return try reader.units(parentCode: request.parentCode.isEmpty ? nil : request.parentCode)
            }
            guard let units else {
                return reply.fail(RPCError(.notFound, "parent_code: no unit \"\(request.parentCode)\""))
            }
            reply.ok(.with { $0.units = units.map(Unit.init) })
        } catch {
            reply.fail(.from(error))
        }
    }

    func getEmployee(_ request: GetEmployeeRequest, call: ServerCall, reply: Responder<Employee>) {
        do {
            let found: EmployeeRecord?
            let asked: String
            switch request.key {
            case .id(let id):
                asked = "id: no employee \(id)"
                let key = try Validation.employeeID(id, field: "id")
                found = try readers.read { try $0.employee(id: key) }
            case .nip(let nip):
                guard nip.utf8.count == 18, nip.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    return reply.fail(.invalidArgument("nip", "must be 18 digits"))
                }
                asked = "nip: no employee \(nip)"
                found = try readers.read { try $0.employee(nip: nip) }
            case nil:
                asked = "id: the caller is not in the directory"
                found = try readers.read { try $0.employee(id: call.requireSession.employeeID) }
            }
            guard let found else { return reply.fail(RPCError(.notFound, asked)) }
            guard try maySee(found.id, call: call) else {
                let field = request.key.map { if case .nip = $0 { "nip" } else { "id" } } ?? "id"
                return reply.fail(RPCError(.permissionDenied, "\(field): not in your reporting chain"))
            }
            reply.ok(Employee(found))
        } catch {
            reply.fail(.from(error))
        }
    }

    func listReports(_ request: ListReportsRequest, call: ServerCall, reply: Responder<ListReportsReply>) {
        let pageSize = request.pageSize == 0 ? 100 : Int(request.pageSize)
        guard pageSize <= 1000 else {
            return reply.fail(.invalidArgument("page_size", "at most 1000, got \(pageSize)"))
        }
        var after: Int64 = 0
        if !request.pageToken.isEmpty {
            guard let value = Int64(request.pageToken), value > 0 else {
                return reply.fail(.invalidArgument("page_token", "not a token from a previous reply"))
            }
            after = value
        }
        let supervisor: Int64
        do {
            supervisor =
                request.supervisorID == 0
                ? call.requireSession.employeeID
                : try Validation.employeeID(request.supervisorID, field: "supervisor_id")
        } catch {
            return reply.fail(error)
        }
        do {
            let page = try readers.read { reader -> [EmployeeRecord]? in
                guard try reader.employee(id: supervisor) != nil else { return nil }
                return try reader.reports(supervisorID: supervisor, afterID: after, limit: pageSize + 1)
            }
            guard var page else {
                return reply.fail(RPCError(.notFound, "supervisor_id: no employee \(supervisor)"))
            }
            let me = call.requireSession.employeeID
            let allowed = try supervisor == me || hierarchy.isAbove(me, supervisor)
            guard allowed else {
                return reply.fail(
                    RPCError(.permissionDenied, "supervisor_id: \(supervisor) does not report to you"))
            }
            var next = ""
            if page.count > pageSize {
                page.removeLast()
                next = String(page.last!.id)
            }
            reply.ok(
                .with {
                    $0.employees = page.map(Employee.init)
                    $0.nextPageToken = next
                })
        } catch {
            reply.fail(.from(error))
        }
    }
}

extension Unit {
    init(_ record: UnitRecord) {
        self.init()
        code = record.code
        name = record.name
        kind = UnitKind(rawValue: record.kind)
        parentCode = record.parentCode
        timeZone = record.timeZone
        headEmployeeID = UInt64(max(0, record.headEmployeeID))
        postalCode = record.postalCode
        employeeCount = UInt32(clamping: record.employeeCount)
    }
}

extension Employee {
    init(_ record: EmployeeRecord) {
        self.init()
        id = UInt64(record.id)
        nip = record.nip
        name = record.name
        unitCode = record.unitCode
        supervisorID = UInt64(max(0, record.supervisorID))
        employmentType = EmploymentType(rawValue: record.employmentType)
        position = record.position
        isHead = record.isHead
    }
}
