import Foundation
import HadirJSON
import HadirProto
import HadirTestProtos
import HadirWire
import Testing

let schema = ProtoSchema(merging: [.hadirV1, .hadirTest])
let codec = ProtoJSON(schema: schema)

/// JSON text → wire bytes → the generated type.
func decoded<M: ProtoMessage>(_ json: String, as type: M.Type) throws -> M {
    let name = String(M.protoName.drop { $0 == "." })
    return try M(serializedBytes: codec.encode(json, as: name))
}

/// The generated type → wire bytes → JSON on one line.
func json<M: ProtoMessage>(_ message: M, emitDefaults: Bool = false) throws -> String {
    try codec.decode(message.serializedBytes(), as: M.protoName, options: .init(emitDefaults: emitDefaults))
        .text(indent: 0)
}

/// The error a JSON text gives as `typeName`.
func failure(_ json: String, as typeName: String) -> String {
    do {
        _ = try codec.encode(json, as: typeName)
        return "no error"
    } catch {
        return error.description
    }
}

@Suite struct JSONToWire {
    @Test func everyScalarKind() throws {
        let message = try decoded(
            """
            {"fDouble": 1.5, "fFloat": -0.25, "fInt64": "-9223372036854775808", "fUint64": "18446744073709551615",
             "fInt32": -2147483648, "fFixed64": "18446744073709551615", "fFixed32": 4294967295, "fBool": true,
             "fString": "héllo \\"q\\" \\u00e9\\ud83d\\ude00", "fBytes": "AAEC/w==", "fUint32": 4294967295,
             "fColor": "COLOR_BLUE", "fSfixed32": -5, "fSfixed64": "9223372036854775807", "fSint32": -3,
             "fSint64": "-9223372036854775807"}
            """, as: Scalars.self)
        var expected = Scalars()
        expected.fDouble = 1.5
        expected.fFloat = -0.25
        expected.fInt64 = .min
        expected.fUint64 = .max
        expected.fInt32 = .min
        expected.fFixed64 = .max
        expected.fFixed32 = .max
        expected.fBool = true
        expected.fString = "héllo \"q\" é😀"
        expected.fBytes = [0, 1, 2, 255]
        expected.fUint32 = .max
        expected.fColor = .blue
        expected.fSfixed32 = -5
        expected.fSfixed64 = .max
        expected.fSint32 = -3
        expected.fSint64 = -9_223_372_036_854_775_807
        #expect(message == expected)
    }

    @Test func protoNamesNumbersForInt64AndEnumNumbers() throws {
        let message = try decoded(
            #"{"f_int64": 12, "f_uint64": 9007199254740993, "f_color": 2, "f_int32": "7", "f_double": "-Infinity", "f_float": "NaN"}"#,
            as: Scalars.self)
        #expect(message.fInt64 == 12)
        // Kept exactly: a Double would round this to ...992.
        #expect(message.fUint64 == 9_007_199_254_740_993)
        #expect(message.fColor == .green)
        #expect(message.fInt32 == 7)
        #expect(message.fDouble == -.infinity)
        #expect(message.fFloat.isNaN)
    }

    @Test func integralExponentsAndUrlSafeBase64() throws {
        let message = try decoded(#"{"fInt32": 1e3, "fUint64": "2.0", "fBytes": "_-8"}"#, as: Scalars.self)
        #expect(message.fInt32 == 1000)
        #expect(message.fUint64 == 2)
        #expect(message.fBytes == [0xFF, 0xEF])
    }

    @Test func unknownEnumNumberIsKept() throws {
        let message = try decoded(#"{"fColor": 42}"#, as: Scalars.self)
        #expect(message.fColor.rawValue == 42)
    }

    @Test func defaultsAndNullsAreLeftOut() throws {
        let bytes = try codec.encode(
            #"{"fInt32": 0, "fString": "", "fBool": false, "fColor": "COLOR_UNSPECIFIED", "fDouble": null}"#,
            as: "hadir.test.Scalars")
        #expect(bytes.isEmpty)
        #expect(try codec.encode("  ", as: "hadir.test.Scalars").isEmpty)
    }

    @Test func repeatedPackedAndNot() throws {
        let message = try decoded(
            #"{"rInt64": ["1", -2], "rDouble": [0.5, "NaN"], "rString": ["a", ""], "rBytes": ["AQ=="], "rColor": ["COLOR_RED", 3], "rMessage": [{"fInt32": 1}, {}], "rSint32": [-1, 1], "rBool": [true, false]}"#,
            as: Repeateds.self)
        #expect(message.rInt64 == [1, -2])
        #expect(message.rDouble[0] == 0.5 && message.rDouble[1].isNaN)
        #expect(message.rString == ["a", ""])
        #expect(message.rBytes == [[1]])
        #expect(message.rColor == [.red, .blue])
        #expect(message.rMessage == [Scalars.with { $0.fInt32 = 1 }, Scalars()])
        #expect(message.rSint32 == [-1, 1])
        #expect(message.rBool == [true, false])
        // Packed exactly as the generated encoder packs.
        let generated = Repeateds.with {
            $0.rInt64 = [1, -2]; $0.rSint32 = [-1, 1]
        }.serializedBytes()
        #expect(
            try codec.encode(#"{"rSint32": [-1, 1], "rInt64": [1, "-2"]}"#, as: "hadir.test.Repeateds")
                == generated)
    }

    @Test func nestedOneofAndMaps() throws {
        let message = try decoded(
            #"{"inner": {"value": 3, "label": "x"}, "inners": [{"value": 1}], "choiceText": "t", "counts": {"a": 1, "b": 0}, "byId": {"-5": {"label": "m"}, "7": {}}, "color": "COLOR_GREEN", "scalars": {}}"#,
            as: Outer.self)
        var expected = Outer()
        expected.inner = .with {
            $0.value = 3; $0.label = "x"
        }
        expected.inners = [.with { $0.value = 1 }]
        expected.choice = .choiceText("t")
        expected.counts = ["a": 1, "b": 0]
        expected.byID = [-5: .with { $0.label = "m" }, 7: Outer.Inner()]
        expected.color = .green
        expected.scalars = Scalars()
        #expect(message == expected)
        // The same bytes as the generated encoder (map keys sorted, fields in number order).
        #expect(
            try codec.encode(
                #"{"scalars": {}, "color": "COLOR_GREEN", "byId": {"7": {}, "-5": {"label": "m"}}, "counts": {"b": 0, "a": 1}, "choiceText": "t", "inners": [{"value": 1}], "inner": {"label": "x", "value": 3}}"#,
                as: "hadir.test.Outer") == expected.serializedBytes())
        let zero = try decoded(#"{"choiceNumber": "0"}"#, as: Outer.self)
        #expect(zero.choice == .choiceNumber(0))
    }

    @Test func proto3OptionalKeepsPresence() throws {
        let message = try decoded(
            #"{"maybeInt": 0, "maybeText": "", "maybeFlag": false, "plainInt": 0}"#, as: Presence.self)
        #expect(message.maybeInt == 0)
        #expect(message.maybeText == "")
        #expect(message.maybeFlag == false)
        #expect(message.maybeDouble == nil)
    }

    @Test func contractMessages() throws {
        let punch = try decoded(#"{"eventSeq": 7, "mode": "WORK_MODE_WFH"}"#, as: Punch.self)
        #expect(punch.serializedBytes() == [0x08, 0x07, 0x10, 0x03])  // proto/README.md's worked example
        let request = try decoded(#"{"nip": "198001012005011001"}"#, as: GetEmployeeRequest.self)
        #expect(request.key == .nip("198001012005011001"))
        let call = try decoded(
            #"{"id": 5, "method": "METHOD_ATTENDANCE_CHECK_IN", "body": "CAcQAw=="}"#, as: Call.self)
        #expect(call.id == 5 && call.method == .attendanceCheckIn && call.body == [0x08, 0x07, 0x10, 0x03])
    }
}

@Suite struct WireToJSON {
    @Test func everyScalarKind() throws {
        var message = Scalars()
        message.fDouble = 1.5
        message.fFloat = 0.1
        message.fInt64 = .min
        message.fUint64 = .max
        message.fInt32 = -1
        message.fFixed64 = 1
        message.fFixed32 = 2
        message.fBool = true
        message.fString = "a\"\n\u{1}é"
        message.fBytes = [0, 1, 2, 255]
        message.fUint32 = 4_294_967_295
        message.fColor = .red
        message.fSfixed32 = -5
        message.fSfixed64 = .max
        message.fSint32 = -3
        message.fSint64 = -4
        #expect(
            try json(message) == #"""
                {"fDouble": 1.5, "fFloat": 0.1, "fInt64": "-9223372036854775808", "fUint64": "18446744073709551615", "fInt32": -1, "fFixed64": "1", "fFixed32": 2, "fBool": true, "fString": "a\"\n\u0001é", "fBytes": "AAEC/w==", "fUint32": 4294967295, "fColor": "COLOR_RED", "fSfixed32": -5, "fSfixed64": "9223372036854775807", "fSint32": -3, "fSint64": "-4"}
                """#)
    }

    @Test func specialFloatsAndUnknownEnumNumbers() throws {
        let message = Scalars.with {
            $0.fDouble = .nan
            $0.fFloat = -.infinity
            $0.fColor = Color(rawValue: 42)
        }
        #expect(try json(message) == #"{"fDouble": "NaN", "fFloat": "-Infinity", "fColor": 42}"#)
    }

    @Test func defaultsOmittedUnlessAsked() throws {
        #expect(try json(Scalars()) == "{}")
        #expect(
            try json(Punch(), emitDefaults: true)
                == #"{"eventSeq": 0, "mode": "WORK_MODE_UNSPECIFIED", "capturedAtMs": "0"}"#)
        #expect(
            try json(Outer(), emitDefaults: true)
                == #"{"inners": [], "counts": {}, "byId": {}, "color": "COLOR_UNSPECIFIED"}"#)
    }

    @Test func nestedOneofMapsAndPresence() throws {
        var outer = Outer()
        outer.inner = Outer.Inner()
        outer.inners = [.with { $0.value = 1 }, .with { $0.label = "b" }]
        outer.choice = .choiceNumber(0)
        outer.counts = ["x": 0]
        outer.byID = [3: .with { $0.value = -1 }]
        #expect(
            try json(outer) == #"""
                {"inner": {}, "inners": [{"value": 1}, {"label": "b"}], "choiceNumber": "0", "counts": {"x": 0}, "byId": {"3": {"value": -1}}}
                """#)
        #expect(
            try json(
                Presence.with {
                    $0.maybeInt = 0; $0.maybeFlag = false
                }) == #"{"maybeInt": 0, "maybeFlag": false}"#)
    }

    @Test func contractReplyPrettyPrinted() throws {
        let day = Day.with {
            $0.date = "2026-12-04"
            $0.status = .met
            $0.sessions = [
                .with {
                    $0.checkInMs = 1_764_806_400_123; $0.mode = .wfh
                }
            ]
            $0.workedSeconds = 27_000
            $0.employeeID = 42
        }
        let text = try codec.decode(day.serializedBytes(), as: "hadir.v1.Day").text()
        #expect(
            text == """
                {
                  "date": "2026-12-04",
                  "status": "DAY_STATUS_MET",
                  "sessions": [
                    {
                      "checkInMs": "1764806400123",
                      "mode": "WORK_MODE_WFH"
                    }
                  ],
                  "workedSeconds": "27000",
                  "employeeId": "42"
                }
                """)
    }

    @Test func unknownFieldsDroppedAndRoundTrip() throws {
        let v2 = EvolvedV2.with {
            $0.name = "n"; $0.added = 9; $0.tags = ["t"]
        }
        #expect(
            try codec.decode(v2.serializedBytes(), as: "hadir.test.EvolvedV1").text(indent: 0)
                == #"{"name": "n"}"#)
        // JSON → bytes → JSON gives the same JSON back.
        let text = #"{"name": "n", "color": "COLOR_BLUE", "added": "-9", "tags": ["a", "b"]}"#
        #expect(
            try codec.decode(codec.encode(text, as: "hadir.test.EvolvedV2"), as: "hadir.test.EvolvedV2").text(
                indent: 0) == text)
    }

    @Test func badWireNamesTheField() throws {
        // Punch.place (field 4) with a length running past the end.
        #expect(throws: WireError(.lengthOutOfBounds, fieldPath: ["place"])) {
            try codec.decode([0x22, 0x05, 0x0A], as: "hadir.v1.Punch")
        }
    }
}

@Suite struct Errors {
    @Test func invalidJSONGivesThePosition() {
        #expect(
            failure("{\"fInt32\": 1,\n  }", as: "hadir.test.Scalars")
                == "invalid JSON at line 2, column 3: expected a member name in quotes, got '}'")
        #expect(failure(#"{"fInt32": 01}"#, as: "hadir.test.Scalars").contains("may not start with 0"))
        #expect(failure(#"{"a": "x"} x"#, as: "hadir.test.Scalars").contains("after the JSON value"))
        #expect(failure("[", as: "hadir.test.Scalars").contains("end of input"))
    }

    @Test func unknownKeysAreNamed() {
        #expect(
            failure(#"{"fInt33": 1}"#, as: "hadir.test.Scalars")
                == #"unknown field "fInt33" in hadir.test.Scalars"#)
        #expect(
            failure(#"{"inner": {"valu": 1}}"#, as: "hadir.test.Outer")
                == #"inner: unknown field "valu" in hadir.test.Outer.Inner"#)
    }

    @Test func wrongTypesNameTheFieldPath() {
        #expect(
            failure(#"{"inners": [{}, {"value": "x"}]}"#, as: "hadir.test.Outer")
                == #"inners[1].value: expected an int32, got "x""#)
        #expect(
            failure(#"{"byId": {"q": {}}}"#, as: "hadir.test.Outer")
                == #"byId["q"]: expected an int64, got "q""#)
        #expect(
            failure(#"{"counts": {"a": true}}"#, as: "hadir.test.Outer")
                == #"counts["a"]: expected an int32, got true"#)
        #expect(
            failure(#"{"fInt32": 2147483648}"#, as: "hadir.test.Scalars")
                == "fInt32: 2147483648 is out of range for an int32")
        #expect(
            failure(#"{"fUint64": "-1"}"#, as: "hadir.test.Scalars")
                == #"fUint64: "-1" is out of range for a uint64"#)
        #expect(
            failure(#"{"fInt64": "9223372036854775808"}"#, as: "hadir.test.Scalars")
                == #"fInt64: "9223372036854775808" is out of range for an int64"#)
        #expect(
            failure(#"{"fInt32": 1.5}"#, as: "hadir.test.Scalars")
                == "fInt32: expected an int32, got 1.5: not a whole number")
        #expect(
            failure(#"{"fBool": "true"}"#, as: "hadir.test.Scalars")
                == #"fBool: expected true or false, got "true""#)
        #expect(
            failure(#"{"fFloat": 1e39}"#, as: "hadir.test.Scalars")
                == "fFloat: 1e39 is out of range for a float")
        #expect(
            failure(#"{"fBytes": "a"}"#, as: "hadir.test.Scalars") == #"fBytes: expected base64, got "a""#)
        #expect(
            failure(#"{"fColor": "COLOR_PINK"}"#, as: "hadir.test.Scalars").hasPrefix(
                #"fColor: unknown value "COLOR_PINK" of hadir.test.Color"#))
        #expect(failure(#"{"rInt32": 1}"#, as: "hadir.test.Repeateds") == "rInt32: expected an array, got 1")
        #expect(
            failure(#"{"inner": []}"#, as: "hadir.test.Outer")
                == "inner: expected an object for hadir.test.Outer.Inner, got an array")
        #expect(
            failure("[]", as: "hadir.test.Outer") == "expected an object for hadir.test.Outer, got an array")
    }

    @Test func oneofAndDuplicates() {
        #expect(
            failure(#"{"choiceText": "a", "choiceNumber": 1}"#, as: "hadir.test.Outer")
                == #"choiceNumber: oneof choice already set by "choiceText"; give only one"#)
        #expect(
            failure(#"{"f_int32": 1, "fInt32": 2}"#, as: "hadir.test.Scalars")
                == #"fInt32: field given twice (also as "f_int32")"#)
        // null for one member leaves the other free.
        #expect(failure(#"{"choiceText": null, "choiceNumber": 1}"#, as: "hadir.test.Outer") == "no error")
    }
}

@Suite struct Schema {
    @Test func methodsResolveByEveryName() throws {
        for name in [
            "hadir.v1.AttendanceService/GetDay", "AttendanceService/GetDay", "AttendanceService.GetDay",
            "GetDay",
        ] {
            #expect(schema.method(name)?.method.number == 22, "\(name)")
        }
        #expect(schema.method("Nope/GetDay") == nil)
    }

    @Test func everyContractMethodIsDescribed() throws {
        // Every number the contract's Method enum names is a described method.
        let numbers = Method.allKnown.map(\.rawValue).filter { $0 != 0 }.sorted()
        #expect(ProtoSchema.hadirV1.services.flatMap(\.methods).map(\.number).sorted() == numbers)
        for method in ProtoSchema.hadirV1.services.flatMap(\.methods) {
            #expect(schema.message(method.inputType) != nil)
            #expect(schema.message(method.outputType) != nil)
        }
        let text = try #require(SchemaText(schema: schema).describe("GetEmployee"))
        #expect(text.contains("oneof key {"))
        #expect(text.contains("uint64 supervisor_id = 5;"))
        let outer = try #require(SchemaText(schema: schema).describe("hadir.test.Outer"))
        #expect(outer.contains("map<int64, hadir.test.Outer.Inner> by_id = 7;"))
    }
}
