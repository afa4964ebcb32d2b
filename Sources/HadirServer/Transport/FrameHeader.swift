/// The length prefix of a frame: a protobuf base-128 varint of at most 5 bytes.
enum FrameHeader {
    /// The longest prefix accepted: 5 bytes hold any value below 2^35, and we accept
    /// values below 2^32 only.
    static let maxBytes = 5

    /// What decoding the start of a buffer found.
    enum Decoded: Equatable {
        /// The prefix is not complete yet; no byte seen so far rules it out.
        case needMore
        /// A prefix of `headerBytes` bytes announcing `bodyBytes` payload bytes.
        case complete(headerBytes: Int, bodyBytes: Int)
        /// The connection must be closed.
        case invalid(FrameError)
    }

    /// Decodes a length prefix from the start of `bytes` without allocating.
    ///
    /// Rejects as early as possible: as soon as the bits seen so far already exceed
    /// `maxFrameBytes`, before the prefix is even complete.
    static func decode(_ bytes: UnsafeRawBufferPointer, maxFrameBytes: Int) -> Decoded {
        var value: UInt64 = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if index == maxBytes - 1 && byte & 0x80 != 0 {
                return .invalid(.malformedLength)
            }
            value |= UInt64(byte & 0x7F) << (7 * UInt64(index))
            if value >= 1 << 32 { return .invalid(.malformedLength) }
            if value > UInt64(maxFrameBytes) { return .invalid(.frameTooLarge) }
            index += 1
            if byte & 0x80 == 0 {
                return .complete(headerBytes: index, bodyBytes: Int(value))
            }
        }
        return .needMore
    }

    /// Appends `length` as a varint to `buffer`.
    static func append(_ length: Int, to buffer: inout [UInt8]) {
        var value = UInt64(length)
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }

    /// The number of bytes `append` writes for `length`.
    static func size(of length: Int) -> Int {
        var value = UInt64(length)
        var count = 1
        while value >= 0x80 {
            value >>= 7
            count += 1
        }
        return count
    }
}

/// Why the transport closes a connection for what the peer sent.
enum FrameError: Error, Equatable, CustomStringConvertible {
    /// A length prefix with a 5th continuation byte, or a value of 2^32 or more.
    case malformedLength
    /// A length above ``TransportConfig/maxFrameBytes``.
    case frameTooLarge

    var description: String {
        switch self {
        case .malformedLength: "malformed_length"
        case .frameTooLarge: "frame_too_large"
        }
    }
}
