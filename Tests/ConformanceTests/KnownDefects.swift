import HadirProto
import HadirTestProtos
import HadirWire
import Testing

/// Where protobuf-c 1.4.1 departs from the protobuf specification (and from the C++
/// and Java implementations). Each test states the correct behaviour strictly, inside
/// `withKnownIssue`: if protobuf-c is fixed, the test fails with "known issue was not
/// recorded" and the wrapper should come off. The Swift codec's own behaviour is checked
/// outside the wrapper.
@Suite(
    "protobuf-c 1.4.1 known defects",
    .enabled(
        if: Harness.toolsAvailable,
        "protoc-c and cc not on PATH: apt-get install protobuf-c-compiler libprotobuf-c-dev")
)
struct KnownDefects {
    /// protobuf-c's field_is_zeroish() compares a proto3 float/double with `== 0`, so
    /// protobuf_c_message_pack() omits a singular -0.0: the sign is lost. (C++ compares
    /// the bit pattern and writes it.) The random repack tests therefore generate no
    /// singular -0.0; the dump direction does, and passes.
    @Test("protobuf-c drops a singular -0.0 when packing")
    func negativeZeroDropped() throws {
        var scalars = Scalars()
        scalars.fDouble = -0.0
        scalars.fFloat = -0.0
        let bytes = scalars.serializedBytes()
        #expect(bytes == HandVectors.bytes("09 0000000000000080 15 00000080"))
        // protobuf-c reads it correctly...
        let dump = try harness().dump(bytes: [bytes], as: Scalars.self)[0]
        #expect(dump.text?.contains("f_double = -0 (0x8000000000000000)") == true)
        // ...but writes nothing back.
        let repacked = try #require(try harness().repack(bytes: [bytes], as: Scalars.self)[0].bytes)
        let back = try Scalars(serializedBytes: repacked)
        withKnownIssue("protobuf-c 1.4.1: field_is_zeroish() treats -0.0 as the default") {
            #expect(repacked == bytes)
            #expect(back.fDouble.sign == .minus)
            #expect(back.fFloat.sign == .minus)
        }
    }

    /// protobuf-c merges a repeated embedded message with merge_messages(), which in
    /// 1.4.1 copies only fields with explicit presence (LABEL_OPTIONAL/REQUIRED): a proto3
    /// (LABEL_NONE) scalar set by the first occurrence is lost.
    @Test("protobuf-c does not merge proto3 scalars of an embedded message seen twice")
    func embeddedMessageNotMerged() throws {
        let bytes = HandVectors.bytes("0A 02 0801 0A 03 120162")  // inner{value:1} inner{label:"b"}
        let swift = try Outer(serializedBytes: bytes)
        #expect(swift.inner?.value == 1)
        #expect(swift.inner?.label == "b")
        let answers = try harness().run([(.dump, Outer.protoName, bytes), (.repack, Outer.protoName, bytes)])
        withKnownIssue("protobuf-c 1.4.1: merge_messages() skips proto3 LABEL_NONE fields") {
            #expect(answers[0].text?.contains("inner.value = 1") == true)
            let back = try Outer(serializedBytes: try #require(answers[1].bytes))
            #expect(back == swift)
        }
    }

    /// parse_oneof_member() frees the previous member before parsing the new one, even
    /// when both are the same message member: the two occurrences are not merged.
    @Test("protobuf-c does not merge a oneof message member seen twice")
    func oneofMessageNotMerged() throws {
        let bytes = HandVectors.bytes("2A 02 0801 2A 03 120162")  // choice_inner twice
        let swift = try Outer(serializedBytes: bytes)
        var expected = Outer.Inner()
        expected.value = 1
        expected.label = "b"
        #expect(swift.choice == .choiceInner(expected))
        let answers = try harness().run([(.dump, Outer.protoName, bytes), (.repack, Outer.protoName, bytes)])
        withKnownIssue("protobuf-c 1.4.1: parse_oneof_member() discards the earlier occurrence") {
            #expect(answers[0].text?.contains("choice_inner.value = 1") == true)
            let back = try Outer(serializedBytes: try #require(answers[1].bytes))
            #expect(back == swift)
        }
    }

    /// Unknown groups (wire types 3 and 4) must be skipped and kept; protobuf-c 1.4.1
    /// has no group support and fails the whole unpack ("unsupported tag").
    @Test("protobuf-c refuses a message holding an unknown group")
    func unknownGroupRefused() throws {
        // f_int32 = 5, then group 100 { varint 1 = 1 }, then f_bool = true.
        let bytes = HandVectors.bytes("28 05 A3 06 08 01 A4 06 40 01")
        let swift = try Scalars(serializedBytes: bytes)
        #expect(swift.fInt32 == 5 && swift.fBool)
        #expect(swift.unknownFields.bytes == HandVectors.bytes("A3 06 08 01 A4 06"))
        let answer = try harness().repack(bytes: [bytes], as: Scalars.self)[0]
        withKnownIssue("protobuf-c 1.4.1: groups are unsupported, unpack fails") {
            let back = try Scalars(serializedBytes: try #require(answer.bytes))
            #expect(back == swift)
        }
    }

    /// A known field number arriving with another wire type must be treated as an
    /// unknown field (C++, Java, and the Swift codec do); protobuf-c fails the unpack.
    @Test("protobuf-c refuses a known field with the wrong wire type")
    func wrongWireTypeRefused() throws {
        let bytes = HandVectors.bytes("0D 01020304 28 05")  // field 1 (double) as fixed32
        let swift = try Scalars(serializedBytes: bytes)
        #expect(swift.fDouble == 0 && swift.fInt32 == 5)
        #expect(swift.unknownFields.bytes == HandVectors.bytes("0D 01020304"))
        let answer = try harness().repack(bytes: [bytes], as: Scalars.self)[0]
        withKnownIssue("protobuf-c 1.4.1: a wire-type mismatch fails parse_required_member()") {
            let back = try Scalars(serializedBytes: try #require(answer.bytes))
            #expect(back == swift)
        }
    }

    /// Strings are C strings in protobuf-c: one holding U+0000 is cut short there.
    /// The random generators therefore make no strings holding U+0000.
    @Test("protobuf-c cuts a string at U+0000")
    func embeddedNulRefused() throws {
        var scalars = Scalars()
        scalars.fString = "Siti\u{0}Nurhaliza"
        let bytes = scalars.serializedBytes()
        #expect(try Scalars(serializedBytes: bytes) == scalars)
        let answer = try harness().repack(bytes: [bytes], as: Scalars.self)[0]
        withKnownIssue("protobuf-c 1.4.1: strings are NUL-terminated char *") {
            let back = try Scalars(serializedBytes: try #require(answer.bytes))
            #expect(back == scalars)
        }
    }

    /// proto3 requires string fields to hold valid UTF-8 and parsers to refuse others;
    /// protobuf-c 1.4.1 does not validate.
    @Test("protobuf-c accepts invalid UTF-8 in a string")
    func invalidUTF8Accepted() throws {
        let bytes = HandVectors.bytes("4A 02 C328")  // f_string: a lead byte, then "("
        #expect(throws: WireError(.invalidUTF8, fieldPath: ["f_string"])) {
            try Scalars(serializedBytes: bytes)
        }
        let answer = try harness().dump(bytes: [bytes], as: Scalars.self)[0]
        withKnownIssue("protobuf-c 1.4.1: no UTF-8 validation of string fields") {
            #expect(answer.bytes == nil, "protobuf-c unpacked it: \(answer.text ?? "")")
        }
    }

    /// A map entry without its value holds the value type's default; for a message value
    /// that is an empty message. protobuf-c exposes maps as repeated entry messages and
    /// leaves the value NULL.
    @Test("protobuf-c leaves a missing map message value NULL")
    func mapMessageValueMissing() throws {
        let bytes = HandVectors.bytes("3A 02 08 02")  // by_id entry: key 2, no value
        let swift = try Outer(serializedBytes: bytes)
        #expect(swift.byID == [2: Outer.Inner()])
        let answer = try harness().dump(bytes: [bytes], as: Outer.self)[0]
        withKnownIssue("protobuf-c 1.4.1: maps are repeated entries; a missing value stays NULL") {
            var limit = 10
            compareDumps(
                swift: SwiftDump.lines(swift), c: answer.text ?? "", context: "by_id without value",
                limit: &limit)
        }
    }
}
