import HadirProto
import HadirRPC
import HadirRules
import HadirStore

/// SessionService: authenticates a connection by its device token.
final class SessionProvider: SessionServiceProvider {
    private let readers: ReaderPool
    private let limits: ServerLimits

    init(readers: ReaderPool, limits: ServerLimits) {
        self.readers = readers
        self.limits = limits
    }

    func hello(_ request: HelloRequest, call: ServerCall, reply: Responder<HelloReply>) {
        guard !request.deviceToken.isEmpty else {
            return reply.fail(.invalidArgument("device_token", "required"))
        }
        guard request.deviceToken.utf8.count <= 256 else {
            return reply.fail(.invalidArgument("device_token", "longer than 256 bytes"))
        }
        // A device clock more than ten years off is not a clock: refuse it rather than
        // carry an absurd offset (and never do arithmetic that could overflow).
        let tenYearsMs: Int64 = 10 * 366 * 86_400_000
        let deviceTime = request.deviceTimeMs.clamped(by: tenYearsMs * 1000)
        if deviceTime != 0, abs(deviceTime - call.receivedAtMs) > tenYearsMs {
            call.connection.userState = nil
            return reply.fail(
                .invalidArgument("device_time_ms", "more than ten years from the server's clock"))
        }
        do {
            let found = try readers.read { reader -> (DeviceRecord, EmployeeRecord, UnitRecord?)? in
                guard let device = try reader.device(forToken: request.deviceToken),
                    let employee = try reader.employee(id: device.employeeID)
                else { return nil }
                return (device, employee, try reader.unit(code: employee.unitCode))
            }
            guard let (device, employee, unit) = found else {
                // A failed Hello ends whatever session the connection had.
                call.connection.userState = nil
                call.logger.info(
                    "hello refused",
                    [
                        ("conn.id", "\(call.connection.id)"), ("conn.peer", call.connection.peer),
                        ("reason", "unknown device token"),
                    ])
                return reply.fail(RPCError(.unauthenticated, "device_token: not an enrolled device"))
            }
            let zoneName = unit?.timeZone ?? "Asia/Jakarta"
            let zone = WorkZone(identifier: zoneName) ?? WorkZone(identifier: "Asia/Jakarta")!
            // A measured offset holds the network's delay too (device sent, server received).
            // Below two seconds it says more about the link than the clock: counting it would
            // shift each punch by its own connection's delay and could reorder two punches of
            // the same instant. Phones keep NTP time to well under that.
            let measured = request.deviceTimeMs == 0 ? 0 : request.deviceTimeMs - call.receivedAtMs
            let offset = abs(measured) < ServerLimits.clockToleranceMs ? 0 : measured
            call.connection.userState = Session(
                employeeID: employee.id, deviceID: device.id, unitCode: employee.unitCode,
                zone: zone, clockOffsetMs: offset
            )
            reply.ok(
                .with {
                    $0.serverTimeMs = WallClock.nowMs()
                    $0.employeeID = UInt64(employee.id)
                    $0.nip = employee.nip
                    $0.name = employee.name
                    $0.unitCode = employee.unitCode
                    $0.timeZone = zoneName
                    $0.lastEventSeq = device.lastEventSeq
                    $0.maxFrameBytes = UInt32(limits.maxFrameBytes)
                    $0.maxCallsInFlight = UInt32(limits.maxCallsInFlight)
                    $0.clockOffsetMs = offset
                })
        } catch {
            reply.fail(.from(error))
        }
    }
}

extension Int64 {
    /// The value limited to ±`bound`, so that sums and differences with it cannot overflow.
    func clamped(by bound: Int64) -> Int64 { Swift.min(Swift.max(self, -bound), bound) }
}

/// The limits a client is told at Hello.
struct ServerLimits: Sendable {
    /// A device clock within this of the server's is taken as right.
    static let clockToleranceMs: Int64 = 2_000

    var maxFrameBytes: Int
    var maxCallsInFlight: Int
}
