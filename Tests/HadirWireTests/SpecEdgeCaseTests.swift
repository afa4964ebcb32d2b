import HadirTestProtos
import HadirWire
import Testing

@Suite("Wire format edge cases from the protobuf specification")
struct SpecEdgeCaseTests {
    @Test("a zero-length message decodes to defaults")
    func emptyMessage() throws {
        #expect(try Scalars(serializedBytes: []) == Scalars())
        #expect(try Repeateds(serializedBytes: []) == Repeateds())
        let outer = try Outer(serializedBytes: [])
        #expect(outer == Outer())
        #expect(outer.inner == nil && outer.choice == nil && outer.counts.isEmpty)
        #expect(Scalars().serializedBytes().isEmpty)
    }

    @Test("fields out of number order decode")
    func fieldsOutOfOrder() throws {
        // f_sint32 = -2, f_string = "hi", f_int32 = 5, f_int64 = 3, f_color = RED
        let m = try Scalars(serializedBytes: hex("78 03 4A 02 68 69 28 05 18 03 60 01"))
        #expect(m.fSint32 == -2)
        #expect(m.fString == "hi")
        #expect(m.fInt32 == 5)
        #expect(m.fInt64 == 3)
        #expect(m.fColor == .red)
        // Written back in number order.
        #expect(m.serializedBytes() == hex("18 03 28 05 4A 02 68 69 60 01 78 03"))
    }

    @Test("a repeated field split into unpacked runs keeps every value in order")
    func unpackedRuns() throws {
        let m = try Repeateds(serializedBytes: hex("28 01 4A 01 61 28 02 28 03"))
        #expect(m.rInt32 == [1, 2, 3])
        #expect(m.rString == ["a"])
        // Written packed.
        #expect(m.serializedBytes() == hex("2A 03 01 02 03 4A 01 61"))
    }

    @Test("a repeated field in two packed runs keeps every value in order")
    func packedRuns() throws {
        let m = try Repeateds(serializedBytes: hex("2A 02 01 02 4A 00 2A 01 03"))
        #expect(m.rInt32 == [1, 2, 3])
        #expect(m.rString == [""])
    }

    @Test("packed and unpacked runs of one field mix")
    func mixedRuns() throws {
        let m = try Repeateds(
            serializedBytes: hex("28 01 2A 02 02 03 28 04 2A 00 2A 0B FF FF FF FF FF FF FF FF FF 01 05"))
        #expect(m.rInt32 == [1, 2, 3, 4, -1, 5])
        // Fixed-width elements too: one unpacked double, then a packed run of two.
        let d = try Repeateds(
            serializedBytes: hex(
                "09 00 00 00 00 00 00 F0 3F 0A 10 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00 80"))
        #expect(d.rDouble.map(\.bitPattern) == [1.0, 2.0, -0.0].map(\.bitPattern))
        #expect(
            d.serializedBytes()
                == hex("0A 18 00 00 00 00 00 00 F0 3F 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00 80"))
    }

    @Test("a packed run whose length is not a multiple of the element size is truncated")
    func partialPackedFixed() throws {
        #expect(throws: WireError(.truncated, fieldPath: ["r_fixed32"])) {
            try Repeateds(serializedBytes: hex("3A 05 01 02 03 04 05"))
        }
    }

    @Test("a scalar repeated on the wire: the last value wins")
    func lastOneWins() throws {
        let m = try Scalars(serializedBytes: hex("28 01 4A 01 61 28 02 4A 01 62 60 03 60 01"))
        #expect(m.fInt32 == 2)
        #expect(m.fString == "b")
        #expect(m.fColor == .red)
    }

    @Test("an embedded message seen twice is merged")
    func embeddedMerge() throws {
        // inner{value:1} then inner{label:"b"}, then scalars{f_int32:5} and scalars{f_bool:true, f_int32:6}
        let m = try Outer(serializedBytes: hex("0A 02 08 01 0A 03 12 01 62 4A 02 28 05 4A 04 40 01 28 06"))
        #expect(m.inner?.value == 1)
        #expect(m.inner?.label == "b")
        #expect(m.scalars?.fInt32 == 6)
        #expect(m.scalars?.fBool == true)
    }

    @Test("an empty embedded message is present")
    func emptyEmbedded() throws {
        var m = Outer()
        m.inner = Outer.Inner()
        #expect(m.serializedBytes() == hex("0A 00"))
        #expect(try Outer(serializedBytes: hex("0A 00")).inner == Outer.Inner())
    }

    // MARK: Malformed input

    @Test("a truncated varint is .truncated", arguments: ["28", "28 FF", "28 80 80", "FF", "F8 FF"])
    func truncatedVarint(bytes: String) throws {
        let error = try #require(throws: WireError.self) { try Scalars(serializedBytes: hex(bytes)) }
        #expect(error.code == .truncated)
    }

    @Test("a truncated value names its field")
    func truncatedNamesField() throws {
        #expect(throws: WireError(.truncated, fieldPath: ["f_int32"])) {
            try Scalars(serializedBytes: hex("28 FF"))
        }
        #expect(throws: WireError(.truncated, fieldPath: ["f_double"])) {
            try Scalars(serializedBytes: hex("09 01 02"))
        }
        #expect(throws: WireError(.truncated, fieldPath: ["f_float"])) {
            try Scalars(serializedBytes: hex("15 01 02 03"))
        }
        // An unknown field's value cut short.
        #expect(throws: WireError(.truncated)) { try Scalars(serializedBytes: hex("F9 07 01")) }
    }

    @Test("a length running past the end is .lengthOutOfBounds")
    func lengthPastEnd() throws {
        #expect(throws: WireError(.lengthOutOfBounds, fieldPath: ["f_string"])) {
            try Scalars(serializedBytes: hex("4A 05 61 62"))
        }
        #expect(throws: WireError(.lengthOutOfBounds, fieldPath: ["f_bytes"])) {
            try Scalars(serializedBytes: hex("52 FF FF FF FF FF FF FF FF FF 01 00"))
        }
        // Inside a nested message, a length past the end of that message, not of the input.
        #expect(throws: WireError(.lengthOutOfBounds, fieldPath: ["inner", "label"])) {
            try Outer(serializedBytes: hex("0A 02 12 03 61 62 63"))
        }
        #expect(throws: WireError(.lengthOutOfBounds)) { try Scalars(serializedBytes: hex("FA 07 02 00")) }
    }

    @Test("an 11-byte varint is .malformedVarint")
    func elevenByteVarint() throws {
        #expect(throws: WireError(.malformedVarint, fieldPath: ["f_int64"])) {
            try Scalars(serializedBytes: hex("18 FF FF FF FF FF FF FF FF FF FF 01"))
        }
        #expect(throws: WireError(.malformedVarint, fieldPath: ["f_int64"])) {
            try Scalars(serializedBytes: hex("18 80 80 80 80 80 80 80 80 80 80 00"))
        }
    }

    @Test("a 10-byte varint whose last byte exceeds 1 is .malformedVarint", arguments: ["02", "7F", "03"])
    func tenthByteOverflow(last: String) throws {
        #expect(throws: WireError(.malformedVarint, fieldPath: ["f_uint64"])) {
            try Scalars(serializedBytes: hex("20 FF FF FF FF FF FF FF FF FF " + last))
        }
        // As a tag, too.
        let error = try #require(throws: WireError.self) {
            try Scalars(serializedBytes: hex("FF FF FF FF FF FF FF FF FF " + last))
        }
        #expect(error.code == .malformedVarint)
    }

    @Test(
        "invalid UTF-8 in a string is .invalidUTF8 naming the field",
        arguments: [
            "C3 28", "FF", "80", "ED A0 80", "C0 AF", "F4 90 80 80", "E2 82",
        ])
    func invalidUTF8(bad: String) throws {
        let bytes = hex(bad)
        #expect(throws: WireError(.invalidUTF8, fieldPath: ["f_string"])) {
            try Scalars(serializedBytes: [0x4A, UInt8(bytes.count)] + bytes)
        }
        #expect(throws: WireError(.invalidUTF8, fieldPath: ["inner", "label"])) {
            try Outer(serializedBytes: [0x0A, UInt8(bytes.count + 2), 0x12, UInt8(bytes.count)] + bytes)
        }
        #expect(throws: WireError(.invalidUTF8, fieldPath: ["r_message", "f_string"])) {
            try Repeateds(
                serializedBytes: [0x8A, 0x01, UInt8(bytes.count + 2), 0x4A, UInt8(bytes.count)] + bytes)
        }
        // The same bytes are fine in a bytes field.
        #expect(try Scalars(serializedBytes: [0x52, UInt8(bytes.count)] + bytes).fBytes == bytes)
    }

    @Test("the error's description names the field path")
    func errorDescription() throws {
        let error = try #require(throws: WireError.self) { try Outer(serializedBytes: hex("0A 03 12 01 FF")) }
        #expect(error.description == "inner.label: invalid UTF-8")
    }

    @Test("field number 0 is .invalidFieldNumber", arguments: ["00 01", "02 00", "05 00 00 00 00"])
    func fieldZero(bytes: String) throws {
        #expect(throws: WireError(.invalidFieldNumber)) { try Scalars(serializedBytes: hex(bytes)) }
    }

    @Test("a field number above 2^29-1 is .invalidFieldNumber")
    func fieldTooLarge() throws {
        #expect(throws: WireError(.invalidFieldNumber)) {
            try Scalars(serializedBytes: hex("80 80 80 80 10 00"))
        }
    }

    @Test(
        "wire types 6 and 7, and a stray end-group, are .invalidWireType",
        arguments: ["0E", "0F", "0C", "7E 00", "A4 06"])
    func invalidWireTypes(bytes: String) throws {
        #expect(throws: WireError(.invalidWireType)) { try Scalars(serializedBytes: hex(bytes)) }
    }

    @Test("nesting beyond ProtoReader.maxDepth is .tooDeep")
    func tooDeep() throws {
        let limit = ProtoReader.maxDepth
        let ok = try Node(serializedBytes: nestedNodeBytes(levels: limit))
        #expect(ok.depth == limit)
        let error = try #require(throws: WireError.self) {
            try Node(serializedBytes: nestedNodeBytes(levels: limit + 1))
        }
        #expect(error.code == .tooDeep)
        #expect(error.fieldPath == Array(repeating: "child", count: limit + 1))
        // Unknown groups nest too: a message of groups within groups.
        let groups = [UInt8](repeating: 0x0B, count: limit + 1) + [UInt8](repeating: 0x0C, count: limit + 1)
        #expect(throws: WireError(.tooDeep)) { try Scalars(serializedBytes: groups) }
        let shallow = [UInt8](repeating: 0x0B, count: 10) + [UInt8](repeating: 0x0C, count: 10)
        #expect(try Scalars(serializedBytes: shallow).unknownFields.bytes == shallow)
    }

    @Test("a group closed by another field's end-group is .invalidWireType")
    func mismatchedGroup() throws {
        #expect(throws: WireError(.invalidWireType)) { try Scalars(serializedBytes: hex("A3 06 14")) }
        #expect(throws: WireError(.truncated)) { try Scalars(serializedBytes: hex("A3 06 08 01")) }
    }

    // MARK: Unknown fields

    @Test("unknown fields of every wire type, groups included, are kept and written back byte-identical")
    func unknownFieldsKept() throws {
        let unknown = hex(
            "F8 07 96 01"  // field 127 varint 150
                + " F9 07 01 02 03 04 05 06 07 08"  // field 127 fixed64
                + " FA 07 03 61 62 63"  // field 127 length-delimited
                + " FD 07 01 02 03 04"  // field 127 fixed32
                + " A3 06 08 01 12 01 7A AB 06 AC 06 A4 06"  // group 100 { 1: 1, 2: "z", group 101 {} }
        )
        let bytes = hex("28 05") + unknown
        let m = try Scalars(serializedBytes: bytes)
        #expect(m.fInt32 == 5)
        #expect(m.unknownFields.bytes == unknown)
        #expect(m.serializedBytes() == bytes)
        // Interleaved with known fields, they keep arrival order and go after the known ones.
        let interleaved = hex("F8 07 01 28 05 FD 07 01 02 03 04 40 01")
        let n = try Scalars(serializedBytes: interleaved)
        #expect(n.serializedBytes() == hex("28 05 40 01 F8 07 01 FD 07 01 02 03 04"))
        // Inside a nested message.
        let nested = try Outer(serializedBytes: hex("0A 05 08 01 F8 07 09"))
        #expect(nested.inner?.unknownFields.bytes == hex("F8 07 09"))
        #expect(nested.serializedBytes() == hex("0A 05 08 01 F8 07 09"))
    }

    @Test("a known field with the wrong wire type is kept as unknown")
    func wrongWireType() throws {
        // f_double (fixed64) as fixed32, f_string as varint, f_int32 as length-delimited.
        let bytes = hex("0D 01 02 03 04 48 07 2A 01 00")
        let m = try Scalars(serializedBytes: bytes)
        #expect(m.fDouble == 0 && m.fString.isEmpty && m.fInt32 == 0)
        #expect(m.unknownFields.bytes == bytes)
        #expect(m.serializedBytes() == bytes)
        // A repeated string sent as varint: unknown too.
        let r = try Repeateds(serializedBytes: hex("48 01"))
        #expect(r.rString.isEmpty && r.unknownFields.bytes == hex("48 01"))
    }

    @Test("a newer peer's message survives an older reader's edit")
    func evolution() throws {
        var v2 = EvolvedV2()
        v2.name = "Ani"
        v2.color = Color(rawValue: 7)  // a value version 1 does not name
        v2.added = 42
        v2.tags = ["Kedungdoro", ""]
        let bytes = v2.serializedBytes()
        #expect(bytes == hex("0A 03 41 6E 69 10 07 18 2A 22 0A 4B 65 64 75 6E 67 64 6F 72 6F 22 00"))

        var v1 = try EvolvedV1(serializedBytes: bytes)
        #expect(v1.name == "Ani")
        #expect(v1.color.rawValue == 7)
        #expect(v1.color.protoName == nil)
        #expect(v1.unknownFields.bytes == hex("18 2A 22 0A 4B 65 64 75 6E 67 64 6F 72 6F 22 00"))
        #expect(v1.serializedBytes() == bytes)

        v1.name = "Budi Santoso"
        let edited = try EvolvedV2(serializedBytes: v1.serializedBytes())
        #expect(edited.name == "Budi Santoso")
        #expect(edited.added == 42)
        #expect(edited.tags == ["Kedungdoro", ""])
        #expect(edited.color.rawValue == 7)
        #expect(edited.unknownFields.isEmpty)
    }

    // MARK: Lengths

    @Test(
        "writeLengthDelimited widens the length varint",
        arguments: [0, 1, 127, 128, 300, 16383, 16384, 20000, 2_097_152])
    func lengthWidening(length: Int) throws {
        let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var writer = ProtoWriter()
        writer.writeUInt32(1, 7)
        writer.writeLengthDelimited(2) { $0.writeRaw(body) }
        writer.writeUInt32(3, 9)
        #expect(writer.bytes == hex("08 07 12") + varintBytes(UInt64(length)) + body + hex("18 09"))
    }

    @Test(
        "nested messages longer than 127 and 16383 bytes round trip",
        arguments: [100, 126, 200, 16_000, 16_381, 20_000])
    func longNested(labelLength: Int) throws {
        var m = Outer()
        var inner = Outer.Inner()
        inner.value = -1
        inner.label =
            String(repeating: "é", count: labelLength / 2) + String(repeating: "a", count: labelLength % 2)
        m.inner = inner
        m.inners = [inner, Outer.Inner()]
        m.color = .blue
        let bytes = m.serializedBytes()
        // inner: value (11 bytes) + label tag, length varint, body.
        let innerLength = 11 + 1 + varintBytes(UInt64(labelLength)).count + labelLength
        #expect(
            Array(bytes.prefix(1 + varintBytes(UInt64(innerLength)).count)) == [0x0A]
                + varintBytes(UInt64(innerLength)))
        #expect(try Outer(serializedBytes: bytes) == m)
        // And a repeated message of messages with long bodies.
        var r = Repeateds()
        var s = Scalars()
        s.fBytes = [UInt8](repeating: 0xAB, count: labelLength)
        r.rMessage = [s, Scalars(), s]
        #expect(try Repeateds(serializedBytes: r.serializedBytes()) == r)
    }

    @Test("long packed runs round trip")
    func longPacked() throws {
        var r = Repeateds()
        r.rInt32 = (0..<5000).map { Int32($0) - 2500 }  // mostly 10-byte negatives: > 16383 bytes
        r.rDouble = (0..<3000).map { Double($0) / 7 }
        r.rBool = (0..<200).map { $0 % 3 == 0 }
        #expect(try Repeateds(serializedBytes: r.serializedBytes()) == r)
    }
}
