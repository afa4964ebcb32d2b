import Foundation
import HadirClient
import HadirProto
import HadirWire
import Testing

/// The server against bad and unusual frames, over real TCP. Each case comes from a
/// real bug in another protobuf or RPC implementation.
@Suite("End to end: the protocol at its edges", .serialized)
final class ProtocolTests {
    let server: ServerProcess
    let tokens: [String]

    init() throws {
        server = try ServerProcess(employees: 300)
        try server.start(extraArguments: ["--max-calls-in-flight", "16"])
        tokens = try server.devices().map(\.token)
    }

    deinit { server.stop() }

    @Test("a newer client's unknown enum value and unknown field are accepted and kept")
    func newerClientIsAccepted() async throws {
        let raw = try RawConnection(port: server.port)
        try raw.hello(tokens[10])
        var punch = Punch.with {
            $0.eventSeq = 1; $0.mode = WorkMode(rawValue: 9)
        }.serializedBytes()
        punch += [0x78, 0x2A]  // field 15, varint 42: not in this version of Punch
        raw.send(RawConnection.frame(id: 2, method: 20, body: punch))
        let reply = try raw.receive()
        #expect(reply.status == .ok, "\(reply.detail)")
        let day = try await AttendanceServiceClient(
            HadirConnection(port: server.port, deviceToken: tokens[10])
        ).getDay()
        #expect(day.sessions.first?.mode.rawValue == 9)
    }

    @Test("an empty body is a request of defaults; an empty reply body decodes to defaults")
    func emptyBodies() throws {
        let raw = try RawConnection(port: server.port)
        try raw.hello(tokens[11])
        // GetDay with no body at all: every field default, so "my day, today".
        raw.send(RawConnection.frame(id: 2, method: 22, body: nil))
        let day = try raw.receive()
        #expect(day.status == .ok)
        #expect(day.id == 2)
        let decoded = try Day(serializedBytes: day.body)
        #expect(decoded.date.count == 10)
        // The same with a present but empty body field.
        raw.send(RawConnection.frame(id: 3, method: 22, body: []))
        #expect(try raw.receive().status == .ok)
        // A kelurahan has no units below it: the reply body is empty, and that is a reply.
        let kelurahan = "KEL-ASEMROWO-ASEMROWO"
        raw.send(
            RawConnection.frame(
                id: 4, method: 10, body: ListUnitsRequest.with { $0.parentCode = kelurahan }.serializedBytes()
            ))
        let units = try raw.receive()
        #expect(units.status == .ok, "\(units.detail)")
        #expect(units.body.isEmpty)
        #expect(try ListUnitsReply(serializedBytes: units.body).units.isEmpty)
    }

    @Test("one frame byte by byte, and several frames in one write")
    func framingAcrossReads() throws {
        let raw = try RawConnection(port: server.port)
        for byte in RawConnection.frame(
            id: 1, method: 1, body: HelloRequest.with { $0.deviceToken = tokens[12] }.serializedBytes())
        {
            raw.send([byte])
            usleep(1_000)
        }
        #expect(try raw.receive().status == .ok)
        var burst: [UInt8] = []
        for id in 2...6 { burst += RawConnection.frame(id: UInt32(id), method: 22, body: nil) }
        raw.send(burst)
        let ids = try (2...6).map { _ in try raw.receive().id }
        #expect(ids.sorted() == [2, 3, 4, 5, 6])
    }

    @Test("a length prefix of 2^32 or more closes the connection and nothing else")
    func hugeLengthPrefix() throws {
        let bystander = try RawConnection(port: server.port)
        try bystander.hello(tokens[13])
        let raw = try RawConnection(port: server.port)
        raw.send([0x80, 0x80, 0x80, 0x80, 0x10])  // 2^32
        #expect(try raw.receiveOrClose() == nil)
        bystander.send(RawConnection.frame(id: 2, method: 22, body: nil))
        #expect(try bystander.receive().status == .ok)
    }

    @Test("a string holding invalid UTF-8 is INVALID_ARGUMENT naming the field")
    func invalidUTF8() throws {
        let raw = try RawConnection(port: server.port)
        try raw.hello(tokens[14])
        var place = ProtoWriter()
        place.writeTag(1, .lengthDelimited)
        place.writeVarint(2)
        place.bytes += [0xC3, 0x28]  // a two-byte sequence cut short
        var punch = ProtoWriter()
        punch.writeUInt32(1, 1)
        punch.writeEnum(2, 1)
        punch.writeBytes(4, place.bytes)
        raw.send(RawConnection.frame(id: 2, method: 20, body: punch.bytes))
        let reply = try raw.receive()
        #expect(reply.status == .invalidArgument)
        #expect(reply.detail == "place.name: invalid UTF-8")
    }

    @Test("garbage, truncated and unknown calls get a status or a close, and disturb nobody")
    func badFrames() throws {
        let bystander = try RawConnection(port: server.port)
        try bystander.hello(tokens[15])

        // Not a Call at all: answered INVALID_ARGUMENT, then closed.
        let garbage = try RawConnection(port: server.port)
        garbage.send(RawConnection.prefixed([0xFF, 0xFF, 0xFF]))
        let refused = try garbage.receive()
        #expect(refused.status == .invalidArgument)
        #expect(try garbage.receiveOrClose() == nil)

        // A body whose inner length runs past its end.
        let truncated = try RawConnection(port: server.port)
        try truncated.hello(tokens[16])
        truncated.send(RawConnection.frame(id: 2, method: 20, body: [0x22, 0x0A, 0x0A]))
        let cut = try truncated.receive()
        #expect(cut.status == .invalidArgument)
        #expect(cut.detail.hasPrefix("place:"))

        // A method this server does not have.
        truncated.send(RawConnection.frame(id: 3, method: 999, body: nil))
        #expect(try truncated.receive().status == .unimplemented)

        // Before Hello.
        let early = try RawConnection(port: server.port)
        early.send(RawConnection.frame(id: 1, method: 22, body: nil))
        #expect(try early.receive().status == .unauthenticated)

        // A connection that stops halfway through a frame, then hangs up.
        let half = try RawConnection(port: server.port)
        half.send([0x20, 0x08])
        _ = shutdown(half.fd, Int32(SHUT_WR))

        bystander.send(RawConnection.frame(id: 2, method: 22, body: nil))
        let fine = try bystander.receive()
        #expect(fine.status == .ok)
        #expect(fine.id == 2)
    }

    @Test("calls in flight past the limit are RESOURCE_EXHAUSTED, the rest answered")
    func callsInFlightLimit() throws {
        let raw = try RawConnection(port: server.port)
        try raw.hello(tokens[17])
        var burst: [UInt8] = []
        for seq in 1...200 {
            let punch = Punch.with {
                $0.eventSeq = UInt32(seq); $0.mode = .wfo
            }
            burst += RawConnection.frame(
                id: UInt32(seq + 1), method: seq % 2 == 1 ? 20 : 21, body: punch.serializedBytes())
        }
        raw.send(burst)
        var statuses: [StatusCode: Int] = [:]
        for _ in 1...200 { statuses[try raw.receive().status, default: 0] += 1 }
        #expect(statuses[.resourceExhausted, default: 0] > 0)
        #expect(statuses.values.reduce(0, +) == 200)
    }
}
