import HadirWire

/// Bytes from hex digits; spaces are ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count % 2 == 0, "odd hex: \(text)")
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// Writes one field with `body` and returns the bytes.
func written(_ body: (inout ProtoWriter) -> Void) -> [UInt8] {
    var writer = ProtoWriter()
    body(&writer)
    return writer.bytes
}

/// A varint as bytes, worked out independently of ProtoWriter.
func varintBytes(_ value: UInt64) -> [UInt8] {
    var value = value
    var out: [UInt8] = []
    repeat {
        var byte = UInt8(value & 0x7F)
        value >>= 7
        if value != 0 { byte |= 0x80 }
        out.append(byte)
    } while value != 0
    return out
}

/// A recursive message for nesting tests: `child` (field 1) holds another Node.
struct Node: ProtoMessage {
    static let protoName = "hadir.test.Node"
    var children: [Node] = []
    var unknownFields = UnknownFields()

    init() {}

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        guard field == 1, wireType == .lengthDelimited else { return false }
        children.append(try decoding("child") { try reader.readMessage(Node.self) })
        return true
    }

    func encode(to writer: inout ProtoWriter) {
        for child in children { writer.writeMessage(1, child) }
        unknownFields.encode(to: &writer)
    }

    /// How many Nodes are nested below this one along the first child.
    var depth: Int { children.first.map { 1 + $0.depth } ?? 0 }
}

/// `levels` Nodes each holding the next as field 1, built by hand from the inside out.
func nestedNodeBytes(levels: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for _ in 0..<levels { bytes = [0x0A] + varintBytes(UInt64(bytes.count)) + bytes }
    return bytes
}
