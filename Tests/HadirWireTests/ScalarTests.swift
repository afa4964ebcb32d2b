import HadirTestProtos
import HadirWire
import Testing

@Suite("Scalar encoding, worked out by hand")
struct ScalarTests {
    @Test("int32 -1 is sign-extended to ten bytes")
    func int32MinusOne() throws {
        #expect(written { $0.writeInt32(1, -1) } == hex("08 FF FF FF FF FF FF FF FF FF 01"))
        var m = Scalars()
        m.fInt32 = -1
        let bytes = m.serializedBytes()
        #expect(bytes == hex("28 FF FF FF FF FF FF FF FF FF 01"))
        #expect(bytes.count == 11)
        #expect(try Scalars(serializedBytes: bytes).fInt32 == -1)
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: String
        let write: @Sendable (inout ProtoWriter) -> Void
        let check: @Sendable (inout ProtoReader) throws -> Bool
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "int32 0", bytes: "08 00", write: { $0.writeInt32(1, 0) },
            check: { try $0.readInt32() == 0 }),
        Vector(
            name: "int32 150", bytes: "08 96 01", write: { $0.writeInt32(1, 150) },
            check: { try $0.readInt32() == 150 }),
        Vector(
            name: "int32 max", bytes: "08 FF FF FF FF 07", write: { $0.writeInt32(1, .max) },
            check: { try $0.readInt32() == .max }),
        Vector(
            name: "int32 min", bytes: "08 80 80 80 80 F8 FF FF FF FF 01", write: { $0.writeInt32(1, .min) },
            check: { try $0.readInt32() == .min }),
        Vector(
            name: "int64 -1", bytes: "08 FF FF FF FF FF FF FF FF FF 01", write: { $0.writeInt64(1, -1) },
            check: { try $0.readInt64() == -1 }),
        Vector(
            name: "int64 max", bytes: "08 FF FF FF FF FF FF FF FF 7F", write: { $0.writeInt64(1, .max) },
            check: { try $0.readInt64() == .max }),
        Vector(
            name: "int64 min", bytes: "08 80 80 80 80 80 80 80 80 80 01", write: { $0.writeInt64(1, .min) },
            check: { try $0.readInt64() == .min }),
        Vector(
            name: "uint32 max", bytes: "08 FF FF FF FF 0F", write: { $0.writeUInt32(1, .max) },
            check: { try $0.readUInt32() == .max }),
        Vector(
            name: "uint64 max", bytes: "08 FF FF FF FF FF FF FF FF FF 01", write: { $0.writeUInt64(1, .max) },
            check: { try $0.readUInt64() == .max }),
        Vector(
            name: "uint64 2^63", bytes: "08 80 80 80 80 80 80 80 80 80 01",
            write: { $0.writeUInt64(1, 1 << 63) },
            check: { try $0.readUInt64() == 1 << 63 }),
        Vector(
            name: "sint32 0", bytes: "08 00", write: { $0.writeSInt32(1, 0) },
            check: { try $0.readSInt32() == 0 }),
        Vector(
            name: "sint32 -1", bytes: "08 01", write: { $0.writeSInt32(1, -1) },
            check: { try $0.readSInt32() == -1 }),
        Vector(
            name: "sint32 1", bytes: "08 02", write: { $0.writeSInt32(1, 1) },
            check: { try $0.readSInt32() == 1 }),
        Vector(
            name: "sint32 -2", bytes: "08 03", write: { $0.writeSInt32(1, -2) },
            check: { try $0.readSInt32() == -2 }),
        Vector(
            name: "sint32 -64", bytes: "08 7F", write: { $0.writeSInt32(1, -64) },
            check: { try $0.readSInt32() == -64 }),
        Vector(
            name: "sint32 64", bytes: "08 80 01", write: { $0.writeSInt32(1, 64) },
            check: { try $0.readSInt32() == 64 }),
        Vector(
            name: "sint32 max", bytes: "08 FE FF FF FF 0F", write: { $0.writeSInt32(1, .max) },
            check: { try $0.readSInt32() == .max }),
        Vector(
            name: "sint32 min", bytes: "08 FF FF FF FF 0F", write: { $0.writeSInt32(1, .min) },
            check: { try $0.readSInt32() == .min }),
        Vector(
            name: "sint64 -1", bytes: "08 01", write: { $0.writeSInt64(1, -1) },
            check: { try $0.readSInt64() == -1 }),
        Vector(
            name: "sint64 max", bytes: "08 FE FF FF FF FF FF FF FF FF 01", write: { $0.writeSInt64(1, .max) },
            check: { try $0.readSInt64() == .max }),
        Vector(
            name: "sint64 min", bytes: "08 FF FF FF FF FF FF FF FF FF 01", write: { $0.writeSInt64(1, .min) },
            check: { try $0.readSInt64() == .min }),
        Vector(
            name: "bool true", bytes: "08 01", write: { $0.writeBool(1, true) },
            check: { try $0.readBool() }),
        Vector(
            name: "enum 2", bytes: "08 02", write: { $0.writeEnum(1, 2) }, check: { try $0.readEnum() == 2 }),
        Vector(
            name: "enum -1", bytes: "08 FF FF FF FF FF FF FF FF FF 01", write: { $0.writeEnum(1, -1) },
            check: { try $0.readEnum() == -1 }),
        Vector(
            name: "fixed32", bytes: "0D 04 03 02 01", write: { $0.writeFixed32(1, 0x0102_0304) },
            check: { try $0.readFixed32() == 0x0102_0304 }),
        Vector(
            name: "sfixed32 -2", bytes: "0D FE FF FF FF", write: { $0.writeSFixed32(1, -2) },
            check: { try $0.readSFixed32() == -2 }),
        Vector(
            name: "sfixed32 min", bytes: "0D 00 00 00 80", write: { $0.writeSFixed32(1, .min) },
            check: { try $0.readSFixed32() == .min }),
        Vector(
            name: "fixed64", bytes: "09 08 07 06 05 04 03 02 01",
            write: { $0.writeFixed64(1, 0x0102_0304_0506_0708) },
            check: { try $0.readFixed64() == 0x0102_0304_0506_0708 }),
        Vector(
            name: "sfixed64 min", bytes: "09 00 00 00 00 00 00 00 80", write: { $0.writeSFixed64(1, .min) },
            check: { try $0.readSFixed64() == .min }),
        Vector(
            name: "sfixed64 -1", bytes: "09 FF FF FF FF FF FF FF FF", write: { $0.writeSFixed64(1, -1) },
            check: { try $0.readSFixed64() == -1 }),
        Vector(
            name: "float 1", bytes: "0D 00 00 80 3F", write: { $0.writeFloat(1, 1) },
            check: { try $0.readFloat() == 1 }),
        Vector(
            name: "float -2.5", bytes: "0D 00 00 20 C0", write: { $0.writeFloat(1, -2.5) },
            check: { try $0.readFloat() == -2.5 }),
        Vector(
            name: "float -0.0", bytes: "0D 00 00 00 80", write: { $0.writeFloat(1, -0.0) },
            check: { try $0.readFloat().bitPattern == 0x8000_0000 }),
        Vector(
            name: "float NaN payload", bytes: "0D 01 00 C0 7F",
            write: { $0.writeFloat(1, Float(bitPattern: 0x7FC0_0001)) },
            check: { try $0.readFloat().bitPattern == 0x7FC0_0001 }),
        Vector(
            name: "float max", bytes: "0D FF FF 7F 7F", write: { $0.writeFloat(1, .greatestFiniteMagnitude) },
            check: { try $0.readFloat() == .greatestFiniteMagnitude }),
        Vector(
            name: "double 1", bytes: "09 00 00 00 00 00 00 F0 3F", write: { $0.writeDouble(1, 1) },
            check: { try $0.readDouble() == 1 }),
        Vector(
            name: "double -0.0", bytes: "09 00 00 00 00 00 00 00 80", write: { $0.writeDouble(1, -0.0) },
            check: { try $0.readDouble().bitPattern == 0x8000_0000_0000_0000 }),
        Vector(
            name: "double -infinity", bytes: "09 00 00 00 00 00 00 F0 FF",
            write: { $0.writeDouble(1, -.infinity) },
            check: { try $0.readDouble() == -.infinity }),
        Vector(
            name: "double NaN payload", bytes: "09 01 00 00 00 00 00 F8 7F",
            write: { $0.writeDouble(1, Double(bitPattern: 0x7FF8_0000_0000_0001)) },
            check: { try $0.readDouble().bitPattern == 0x7FF8_0000_0000_0001 }),
        Vector(
            name: "double smallest subnormal", bytes: "09 01 00 00 00 00 00 00 00",
            write: { $0.writeDouble(1, .leastNonzeroMagnitude) },
            check: { try $0.readDouble() == .leastNonzeroMagnitude }),
        Vector(
            name: "string é", bytes: "0A 02 C3 A9", write: { $0.writeString(1, "é") },
            check: { try $0.readString() == "é" }),
        Vector(
            name: "string emoji", bytes: "0A 04 F0 9F 98 80", write: { $0.writeString(1, "😀") },
            check: { try $0.readString() == "😀" }),
        Vector(
            name: "string Indonesian name", bytes: "0A 0E 53 69 74 69 20 4E 75 72 68 61 6C 69 7A 61",
            write: { $0.writeString(1, "Siti Nurhaliza") }, check: { try $0.readString() == "Siti Nurhaliza" }
        ),
        Vector(
            name: "bytes", bytes: "0A 03 00 FF 80", write: { $0.writeBytes(1, [0, 0xFF, 0x80]) },
            check: { try $0.readBytes() == [0, 0xFF, 0x80] }),
        Vector(
            name: "field 2^29-1", bytes: "F8 FF FF FF 0F 01", write: { $0.writeUInt32(maxFieldNumber, 1) },
            check: { try $0.readUInt32() == 1 }),
    ]

    @Test("each scalar writes its hand-worked bytes and reads back", arguments: vectors)
    func scalarVector(_ vector: Vector) throws {
        let bytes = written(vector.write)
        #expect(bytes == hex(vector.bytes))
        try bytes.withUnsafeBytes { raw in
            var reader = ProtoReader(raw)
            let tag = try #require(try reader.nextTag())
            #expect(tag.field == (vector.name == "field 2^29-1" ? maxFieldNumber : 1))
            #expect(try vector.check(&reader))
            #expect(reader.isAtEnd)
        }
    }

    @Test("every Scalars field at its extremes round trips")
    func extremesRoundTrip() throws {
        var max = Scalars()
        max.fDouble = .greatestFiniteMagnitude
        max.fFloat = .greatestFiniteMagnitude
        max.fInt64 = .max
        max.fUint64 = .max
        max.fInt32 = .max
        max.fFixed64 = .max
        max.fFixed32 = .max
        max.fBool = true
        max.fString = "Bambang Pamungkas 🇮🇩 Ketut Ayu Wulandari 👩🏽‍💻"
        max.fBytes = Array(0...255)
        max.fUint32 = .max
        max.fColor = .blue
        max.fSfixed32 = .max
        max.fSfixed64 = .max
        max.fSint32 = .max
        max.fSint64 = .max
        #expect(try Scalars(serializedBytes: max.serializedBytes()) == max)
        var min = max
        min.fDouble = -.greatestFiniteMagnitude
        min.fFloat = -.leastNonzeroMagnitude
        min.fInt64 = .min
        min.fInt32 = .min
        min.fSfixed32 = .min
        min.fSfixed64 = .min
        min.fSint32 = .min
        min.fSint64 = .min
        min.fColor = Color(rawValue: .min)
        #expect(try Scalars(serializedBytes: min.serializedBytes()) == min)
    }

    @Test("-0.0 is written for singular float and double; +0.0 is not")
    func negativeZero() throws {
        var m = Scalars()
        m.fDouble = -0.0
        m.fFloat = -0.0
        let bytes = m.serializedBytes()
        #expect(bytes == hex("09 00 00 00 00 00 00 00 80 15 00 00 00 80"))
        let back = try Scalars(serializedBytes: bytes)
        #expect(back.fDouble.bitPattern == (-0.0 as Double).bitPattern)
        #expect(back.fFloat.bitPattern == (-0.0 as Float).bitPattern)
        m.fDouble = 0
        m.fFloat = 0
        #expect(m.serializedBytes().isEmpty)
    }

    @Test(
        "float and double keep their exact bit patterns",
        arguments: [
            0x7FF8_0000_0000_0001, 0xFFF0_0000_0000_0F00, 0x7FF0_0000_0000_0000, 0x0000_0000_0000_0001,
            0x3FB9_9999_9999_999A, 0xC01D_0843_9581_0625,
        ] as [UInt64])
    func bitPatterns(bits: UInt64) throws {
        var m = Scalars()
        m.fDouble = Double(bitPattern: bits)
        m.fFloat = Float(bitPattern: UInt32(truncatingIfNeeded: bits >> 32))
        let back = try Scalars(serializedBytes: m.serializedBytes())
        #expect(back.fDouble.bitPattern == bits)
        #expect(back.fFloat.bitPattern == UInt32(truncatingIfNeeded: bits >> 32))
    }

    @Test(
        "UTF-8 strings round trip",
        arguments: [
            "Siti Nurhaliza", "Ketut Ayu Wulandari", "Yohanes Pasaribu", "I Gusti Ngurah Rai", "Dewi Sartika",
            "😀🇮🇩👩🏽‍💻", "Kelurahan Kedungdoro – Tegalsari", "中文",
            "\u{10FFFF}", "a\u{0}b", "",
        ])
    func utf8Strings(text: String) throws {
        var m = Scalars()
        m.fString = text
        let bytes = m.serializedBytes()
        if !text.isEmpty {
            #expect(bytes == [0x4A] + varintBytes(UInt64(text.utf8.count)) + Array(text.utf8))
        }
        #expect(try Scalars(serializedBytes: bytes).fString == text)
    }

    @Test("an enum value the contract does not name is kept as its number")
    func unknownEnum() throws {
        var m = Scalars()
        m.fColor = Color(rawValue: 42)
        let back = try Scalars(serializedBytes: m.serializedBytes())
        #expect(back.fColor.rawValue == 42)
        #expect(back.fColor.protoName == nil)
        #expect(m.serializedBytes() == hex("60 2A"))
    }

    @Test("an int32 read from a 64-bit varint keeps the low 32 bits")
    func int32Truncation() throws {
        // 2^32 + 1 on the wire: an int32 reader sees 1, as protobuf specifies.
        let back = try Scalars(serializedBytes: hex("28 81 80 80 80 10"))
        #expect(back.fInt32 == 1)
    }

    @Test(
        "varintSize matches the bytes written",
        arguments: [
            0, 127, 128, 16383, 16384, (1 << 21) - 1, 1 << 21, (1 << 28) - 1, 1 << 28, (1 << 35) - 1, 1 << 35,
            1 << 42,
            1 << 49, 1 << 56, (1 << 63) - 1, 1 << 63, .max,
        ] as [UInt64])
    func varintSizes(value: UInt64) {
        var writer = ProtoWriter()
        writer.writeVarint(value)
        #expect(writer.bytes == varintBytes(value))
        #expect(varintSize(value) == writer.bytes.count)
    }
}
