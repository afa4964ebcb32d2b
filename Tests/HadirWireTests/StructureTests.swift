import HadirProto
import HadirTestProtos
import HadirWire
import Testing

@Suite("Maps, oneofs and proto3 optional")
struct StructureTests {
    @Test("maps round trip and encode with sorted keys")
    func mapsSorted() throws {
        var m = Outer()
        m.counts = ["b": 2, "a": 1]
        var x = Outer.Inner()
        x.label = "x"
        m.byID = [5: x, -1: Outer.Inner()]
        let bytes = m.serializedBytes()
        #expect(
            bytes
                == hex(
                    "32 05 0A 01 61 10 01  32 05 0A 01 62 10 02"
                        + " 3A 0D 08 FF FF FF FF FF FF FF FF FF 01 12 00  3A 07 08 05 12 03 12 01 78"
                ))
        #expect(try Outer(serializedBytes: bytes) == m)

        // The same contents inserted in any order give the same bytes.
        var reversed = Outer()
        for key in ["b", "a"] { reversed.counts[key] = key == "a" ? 1 : 2 }
        reversed.byID[-1] = Outer.Inner()
        reversed.byID[5] = x
        #expect(reversed.serializedBytes() == bytes)
    }

    @Test("many map keys are written in ascending order")
    func manyKeysSorted() throws {
        var m = Outer()
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 { m.byID[Int64.random(in: .min ... .max, using: &rng)] = Outer.Inner() }
        for name in ["Siti", "Bambang", "Dewi", "Ketut", "Yohanes", "Ani", "é", "😀", ""] {
            m.counts[name] = 1
        }
        let back = try Outer(serializedBytes: m.serializedBytes())
        #expect(back == m)
        // Walk the entries in wire order.
        var keys: [Int64] = []
        var names: [String] = []
        let bytes = m.serializedBytes()
        try bytes.withUnsafeBytes { raw in
            var reader = ProtoReader(raw)
            while let (field, _) = try reader.nextTag() {
                if field == 7 {
                    try reader.readMapEntry { entry, number, _ in
                        if number == 1 {
                            keys.append(try entry.readInt64())
                        } else {
                            _ = try entry.readMessage(Outer.Inner.self)
                        }
                        return true
                    }
                } else {
                    try reader.readMapEntry { entry, number, _ in
                        if number == 1 {
                            names.append(try entry.readString())
                        } else {
                            _ = try entry.readInt32()
                        }
                        return true
                    }
                }
            }
        }
        #expect(keys == keys.sorted())
        #expect(keys.count == m.byID.count)
        #expect(names == names.sorted())
    }

    @Test("map entries: missing key or value take defaults, a repeated key keeps the last value")
    func mapEntryEdgeCases() throws {
        #expect(try Outer(serializedBytes: hex("32 02 10 05")).counts == ["": 5])
        #expect(try Outer(serializedBytes: hex("32 03 0A 01 61")).counts == ["a": 0])
        #expect(try Outer(serializedBytes: hex("32 00")).counts == ["": 0])
        #expect(try Outer(serializedBytes: hex("3A 02 08 02")).byID == [2: Outer.Inner()])
        #expect(
            try Outer(serializedBytes: hex("32 05 0A 01 61 10 01 32 05 0A 01 61 10 09")).counts == ["a": 9])
        // Value before key, and an unknown field inside the entry.
        #expect(try Outer(serializedBytes: hex("32 07 10 03 18 01 0A 01 61")).counts == ["a": 3])
        #expect(throws: WireError(.invalidUTF8, fieldPath: ["counts"])) {
            try Outer(serializedBytes: hex("32 03 0A 01 FF"))
        }
    }

    /// Found by this suite: the generator replaced a map entry's message value seen twice
    /// in one entry instead of merging it.
    @Test("a map entry whose message value appears twice merges it")
    func mapValueMerges() throws {
        // by_id entry: key 1, value {value: 5}, value {label: "b"}
        let m = try Outer(serializedBytes: hex("3A 0B 08 01 12 02 08 05 12 03 12 01 62"))
        var expected = Outer.Inner()
        expected.value = 5
        expected.label = "b"
        #expect(m.byID == [1: expected])
    }

    @Test(
        "oneof members round trip, each written even at its default",
        arguments: [
            ("18 05", Outer.Choice.choiceNumber(5)),
            ("18 00", Outer.Choice.choiceNumber(0)),
            ("18 FF FF FF FF FF FF FF FF FF 01", Outer.Choice.choiceNumber(-1)),
            ("22 02 68 69", Outer.Choice.choiceText("hi")),
            ("22 00", Outer.Choice.choiceText("")),
            (
                "2A 02 08 01",
                Outer.Choice.choiceInner(
                    {
                        var i = Outer.Inner(); i.value = 1; return i
                    }())
            ),
            ("2A 00", Outer.Choice.choiceInner(Outer.Inner())),
        ])
    func oneofRoundTrip(bytes: String, choice: Outer.Choice) throws {
        var m = Outer()
        m.choice = choice
        #expect(m.serializedBytes() == hex(bytes))
        #expect(try Outer(serializedBytes: hex(bytes)).choice == choice)
    }

    @Test("oneof: the last member on the wire wins")
    func oneofLastWins() throws {
        #expect(try Outer(serializedBytes: hex("18 05 22 02 68 69")).choice == .choiceText("hi"))
        #expect(try Outer(serializedBytes: hex("22 02 68 69 2A 02 08 01 18 07")).choice == .choiceNumber(7))
        var inner = Outer.Inner()
        inner.label = "b"
        #expect(
            try Outer(serializedBytes: hex("2A 02 08 01 18 05 2A 03 12 01 62")).choice == .choiceInner(inner))
        var request = try GetEmployeeRequest(serializedBytes: hex("12 02 31 32 08 05"))
        #expect(request.key == .id(5))
        request = try GetEmployeeRequest(serializedBytes: hex("08 05 12 02 31 32"))
        #expect(request.key == .nip("12"))
    }

    /// Found by this suite: the generator replaced a oneof message member seen twice
    /// instead of merging it as protobuf does for every embedded message.
    @Test("oneof: the same message member seen twice is merged")
    func oneofMessageMerges() throws {
        var inner = Outer.Inner()
        inner.value = 1
        inner.label = "b"
        #expect(try Outer(serializedBytes: hex("2A 02 08 01 2A 03 12 01 62")).choice == .choiceInner(inner))
    }

    @Test("GetEmployeeRequest's oneof writes a zero id and an empty NIP")
    func contractOneof() throws {
        var request = GetEmployeeRequest()
        #expect(request.serializedBytes().isEmpty)
        request.key = .id(0)
        #expect(request.serializedBytes() == hex("08 00"))
        request.key = .nip("")
        #expect(request.serializedBytes() == hex("12 00"))
        request.key = .nip("198703152010012003")
        #expect(try GetEmployeeRequest(serializedBytes: request.serializedBytes()) == request)
    }

    @Test("proto3 optional: unset fields encode nothing, set-to-default fields encode")
    func presence() throws {
        var p = Presence()
        #expect(p.serializedBytes().isEmpty)
        p.plainInt = 0
        #expect(p.serializedBytes().isEmpty)
        p.maybeInt = 0
        #expect(p.serializedBytes() == hex("08 00"))
        p = Presence()
        p.maybeText = ""
        #expect(p.serializedBytes() == hex("12 00"))
        p = Presence()
        p.maybeFlag = false
        #expect(p.serializedBytes() == hex("18 00"))
        p = Presence()
        p.maybeDouble = 0
        #expect(p.serializedBytes() == hex("21 00 00 00 00 00 00 00 00"))
        p.maybeDouble = -0.0
        #expect(p.serializedBytes() == hex("21 00 00 00 00 00 00 00 80"))
    }

    @Test("proto3 optional: decoding restores presence")
    func presenceDecoded() throws {
        let p = try Presence(serializedBytes: hex("08 00 12 00 18 00 21 00 00 00 00 00 00 00 00 28 00"))
        #expect(p.maybeInt == 0)
        #expect(p.maybeText == "")
        #expect(p.maybeFlag == false)
        #expect(p.maybeDouble == 0)
        #expect(p.plainInt == 0)
        #expect(p.serializedBytes() == hex("08 00 12 00 18 00 21 00 00 00 00 00 00 00 00"))
        let empty = try Presence(serializedBytes: [])
        #expect(
            empty.maybeInt == nil && empty.maybeText == nil && empty.maybeFlag == nil
                && empty.maybeDouble == nil)
        var full = Presence()
        full.maybeInt = -1
        full.maybeText = "Dewi 😀"
        full.maybeFlag = true
        full.maybeDouble = .infinity
        full.plainInt = 7
        #expect(try Presence(serializedBytes: full.serializedBytes()) == full)
    }
}

@Suite("The hadir.v1 contract")
struct ContractTests {
    static var punch: Punch {
        var p = Punch()
        p.eventSeq = 17
        p.mode = .wfo
        p.capturedAtMs = 1_764_547_200_000
        return p
    }

    @Test("a Punch encodes to its hand-worked bytes")
    func punchBytes() throws {
        let bytes = ContractTests.punch.serializedBytes()
        #expect(bytes == hex("08 11 10 01 18 80 88 D6 B9 AD 33"))
        #expect(try Punch(serializedBytes: bytes) == ContractTests.punch)

        var placed = ContractTests.punch
        var place = Place()
        place.name = "Balai RW 05 Kedungdoro"
        place.latitude = -7.2575
        place.longitude = 112.7521
        place.accuracyM = 12.5
        placed.place = place
        let back = try Punch(serializedBytes: placed.serializedBytes())
        #expect(back == placed)
        #expect(back.place?.latitude == -7.2575)
    }

    @Test("a PunchReply encodes to its hand-worked bytes")
    func punchReplyBytes() throws {
        var reply = PunchReply()
        reply.eventID = 123_456
        reply.recordedAtMs = 1_764_547_200_123
        reply.replayed = true
        let bytes = reply.serializedBytes()
        #expect(bytes == hex("08 C0 C4 07 10 FB 88 D6 B9 AD 33 18 01"))
        #expect(try PunchReply(serializedBytes: bytes) == reply)
    }

    @Test("a check-in Call with a typical body is at most 32 bytes")
    func checkInCall() throws {
        var call = Call()
        call.id = 3
        call.method = .attendanceCheckIn
        call.body = ContractTests.punch.serializedBytes()
        let bytes = call.serializedBytes()
        #expect(bytes == hex("08 03 10 14 1A 0B 08 11 10 01 18 80 88 D6 B9 AD 33"))
        #expect(bytes.count <= 32)
        let back = try Call(serializedBytes: bytes)
        #expect(back == call)
        #expect(try Punch(serializedBytes: back.body) == ContractTests.punch)
    }

    @Test("a Reply: OK takes no bytes; an error names the field")
    func replies() throws {
        var ok = Reply()
        ok.id = 3
        var punchReply = PunchReply()
        punchReply.eventID = 1
        ok.body = punchReply.serializedBytes()
        #expect(ok.serializedBytes() == hex("08 03 1A 02 08 01"))
        #expect(try Reply(serializedBytes: ok.serializedBytes()) == ok)

        var failed = Reply()
        failed.id = 4
        failed.status = .invalidArgument
        failed.detail = "place.name: invalid UTF-8"
        let bytes = failed.serializedBytes()
        #expect(bytes == hex("08 04 10 03 22 19") + Array("place.name: invalid UTF-8".utf8))
        #expect(try Reply(serializedBytes: bytes) == failed)
    }

    @Test("a Punch with a bad place name fails naming place.name")
    func badPlaceName() throws {
        #expect(throws: WireError(.invalidUTF8, fieldPath: ["place", "name"])) {
            try Punch(serializedBytes: hex("08 01 22 03 0A 01 FF"))
        }
    }
}
