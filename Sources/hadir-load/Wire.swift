import HadirProto
import HadirRPC
import HadirWire

/// The bytes hadir-load sends and reads, written and parsed in place.
///
/// A check-in call is a fixed template — `[len] 08 <id> 10 14 1a <n> 08 <seq> 10 01` — whose
/// only varying parts, the call id and the event_seq, are written as varints straight into
/// the connection's output buffer: no message object, no intermediate array.
enum Wire {
    static let methodHello: UInt8 = 1
    static let methodCheckIn: UInt8 = 20
    static let methodCheckOut: UInt8 = 21
    static let modeWFO: UInt8 = 1

    @inline(__always)
    static func varintSize(_ value: UInt32) -> Int {
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5
    }

    @inline(__always)
    static func appendVarint(_ value: UInt32, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Appends a framed CheckIn (mode WFO) or CheckOut (no mode) call; returns its size.
    @inline(__always)
    static func appendPunch(checkIn: Bool, id: UInt32, seq: UInt32, to out: inout [UInt8]) -> Int {
        let body = 1 + varintSize(seq) + (checkIn ? 2 : 0)
        let payload = 1 + varintSize(id) + 2 + 2 + body
        let start = out.count
        out.append(UInt8(payload))  // payload < 128: a one-byte length
        out.append(0x08); appendVarint(id, to: &out)
        out.append(0x10); out.append(checkIn ? methodCheckIn : methodCheckOut)
        out.append(0x1a); out.append(UInt8(body))
        out.append(0x08); appendVarint(seq, to: &out)
        if checkIn { out.append(0x10); out.append(modeWFO) }
        return out.count - start
    }

    /// A framed Hello call.
    static func hello(id: UInt32, token: String, nowMs: Int64) -> [UInt8] {
        var request = HelloRequest()
        request.deviceToken = token
        request.deviceTimeMs = nowMs
        request.clientName = "hadir-load"
        return Frame.call(id: id, method: Int32(methodHello), body: request.serializedBytes())
    }

    /// A reply envelope read in place; `body` points into the read buffer.
    struct Reply {
        var id: UInt32 = 0
        var status: Int = 0
        var body = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// PunchReply's fields.
    struct Punch {
        var eventID: UInt64 = 0
        var recordedAtMs: Int64 = 0
        var replayed = false
    }

    @inline(__always)
    static func readVarint(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// Skips a field of `wireType`; false when malformed.
    @inline(__always)
    static func skip(_ wireType: UInt64, _ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> Bool {
        switch wireType {
        case 0: return readVarint(bytes, &index) != nil
        case 1: index += 8
        case 2:
            guard let length = readVarint(bytes, &index) else { return false }
            index += Int(length)
        case 5: index += 4
        default: return false
        }
        return index <= bytes.count
    }

    static func parseReply(_ bytes: UnsafeRawBufferPointer) -> Reply? {
        var reply = Reply()
        var index = 0
        while index < bytes.count {
            guard let tag = readVarint(bytes, &index) else { return nil }
            switch (tag >> 3, tag & 7) {
            case (1, 0):
                guard let value = readVarint(bytes, &index) else { return nil }
                reply.id = UInt32(truncatingIfNeeded: value)
            case (2, 0):
                guard let value = readVarint(bytes, &index) else { return nil }
                reply.status = Int(truncatingIfNeeded: value)
            case (3, 2):
                guard let length = readVarint(bytes, &index), index + Int(length) <= bytes.count else {
                    return nil
                }
                reply.body = UnsafeRawBufferPointer(rebasing: bytes[index..<index + Int(length)])
                index += Int(length)
            default:
                guard skip(tag & 7, bytes, &index) else { return nil }
            }
        }
        return reply
    }

    static func parsePunch(_ bytes: UnsafeRawBufferPointer) -> Punch? {
        var punch = Punch()
        var index = 0
        while index < bytes.count {
            guard let tag = readVarint(bytes, &index) else { return nil }
            switch (tag >> 3, tag & 7) {
            case (1, 0):
                guard let value = readVarint(bytes, &index) else { return nil }
                punch.eventID = value
            case (2, 0):
                guard let value = readVarint(bytes, &index) else { return nil }
                punch.recordedAtMs = Int64(bitPattern: value)
            case (3, 0):
                guard let value = readVarint(bytes, &index) else { return nil }
                punch.replayed = value != 0
            default:
                guard skip(tag & 7, bytes, &index) else { return nil }
            }
        }
        return punch
    }

    static let statusNames = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]

    static func statusName(_ code: Int) -> String {
        code >= 0 && code < statusNames.count ? statusNames[code] : "STATUS_\(code)"
    }
}
