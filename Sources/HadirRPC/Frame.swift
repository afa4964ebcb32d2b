import HadirProto
import HadirWire

/// Frames on the wire: a varint length, then that many bytes of a `Call` or `Reply`.
public enum Frame {
    /// Longest varint length prefix accepted: 5 bytes hold every length below 2^32.
    public static let maxPrefixBytes = 5

    /// The framed bytes of a call whose request is already serialized.
    public static func call(id: UInt32, method: Int32, body: [UInt8]) -> [UInt8] {
        var writer = ProtoWriter(capacity: body.count + 16)
        appendCall(id: id, method: method, into: &writer) { $0.writeRaw(body) }
        return writer.bytes
    }

    /// Appends a framed call to `writer`, the request written in place by `body`.
    public static func appendCall(
        id: UInt32, method: Int32, into writer: inout ProtoWriter, body: (inout ProtoWriter) -> Void
    ) {
        appendFramed(into: &writer) { frame in
            if id != 0 { frame.writeUInt32(1, id) }
            if method != 0 { frame.writeEnum(2, method) }
            let mark = frame.bytes.count
            frame.writeLengthDelimited(3, body)
            // An empty body is the default: leave it out, as protobuf does.
            if frame.bytes.count == mark + 2 { frame.bytes.removeLast(2) }
        }
    }

    /// Appends a framed reply to `writer`.
    public static func appendReply(
        id: UInt32, status: StatusCode, detail: String, into writer: inout ProtoWriter,
        body: ((inout ProtoWriter) -> Void)?
    ) {
        appendFramed(into: &writer) { frame in
            if id != 0 { frame.writeUInt32(1, id) }
            if status.rawValue != 0 { frame.writeEnum(2, status.rawValue) }
            if let body {
                let mark = frame.bytes.count
                frame.writeLengthDelimited(3, body)
                if frame.bytes.count == mark + 2 { frame.bytes.removeLast(2) }
            }
            if !detail.isEmpty { frame.writeString(4, detail) }
        }
    }

    /// Writes a varint length prefix and the bytes `content` writes.
    static func appendFramed(into writer: inout ProtoWriter, _ content: (inout ProtoWriter) -> Void) {
        // writeLengthDelimited writes a tag first: write one, then drop it.
        let start = writer.bytes.count
        writer.writeLengthDelimited(1, content)
        writer.bytes.remove(at: start)
    }

    /// Splits framed bytes as they arrive from a stream.
    public struct Decoder: Sendable {
        private var buffer: [UInt8] = []
        private var consumed = 0
        public let maxFrameBytes: Int

        public init(maxFrameBytes: Int = 1 << 20) {
            self.maxFrameBytes = maxFrameBytes
        }

        public enum Failure: Error, Equatable {
            case lengthPrefixMalformed
            case frameTooLarge(Int)
        }

        public mutating func append(_ bytes: UnsafeRawBufferPointer) {
            if consumed > 0 && consumed == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                consumed = 0
            }
            buffer.append(contentsOf: bytes)
        }

        /// The next whole frame's payload, or nil when more bytes are needed.
        public mutating func next() throws(Failure) -> [UInt8]? {
            var length: UInt64 = 0
            var index = consumed
            var shift: UInt64 = 0
            while true {
                guard index < buffer.count else { return nil }
                let byte = buffer[index]
                index += 1
                length |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
                if index - consumed >= Frame.maxPrefixBytes { throw .lengthPrefixMalformed }
            }
            guard length <= UInt64(maxFrameBytes) else { throw .frameTooLarge(Int(clamping: length)) }
            guard buffer.count - index >= Int(length) else { return nil }
            let payload = Array(buffer[index..<index + Int(length)])
            consumed = index + Int(length)
            if consumed > 1 << 16 {
                buffer.removeFirst(consumed)
                consumed = 0
            }
            return payload
        }
    }
}
