import Testing
@testable import HadirServer

@Suite("Frame length prefix")
struct FrameHeaderTests {
    private func decode(_ bytes: [UInt8], max: Int = 65536) -> FrameHeader.Decoded {
        bytes.withUnsafeBytes { FrameHeader.decode($0, maxFrameBytes: max) }
    }

    @Test func decodesCompletePrefixes() {
        #expect(decode([0]) == .complete(headerBytes: 1, bodyBytes: 0))
        #expect(decode([0x7F, 9]) == .complete(headerBytes: 1, bodyBytes: 127))
        #expect(decode([0xAC, 0x02]) == .complete(headerBytes: 2, bodyBytes: 300))
        #expect(decode([0x80, 0x80, 0x04]) == .complete(headerBytes: 3, bodyBytes: 65536))
        // Non-minimal encodings are valid protobuf varints.
        #expect(decode([0x81, 0x80, 0x80, 0x80, 0x00]) == .complete(headerBytes: 5, bodyBytes: 1))
    }

    @Test func waitsForMore() {
        #expect(decode([]) == .needMore)
        #expect(decode([0x80]) == .needMore)
        #expect(decode([0x80, 0x80, 0x80, 0x80]) == .needMore)
    }

    @Test func rejectsBadPrefixes() {
        let huge = Int(UInt32.max)
        #expect(
            decode([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], max: huge)
                == .complete(headerBytes: 5, bodyBytes: huge))
        #expect(decode([0xFF, 0xFF, 0xFF, 0xFF, 0x10], max: huge) == .invalid(.malformedLength))
        #expect(decode([0x80, 0x80, 0x80, 0x80, 0x80], max: huge) == .invalid(.malformedLength))
        #expect(decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]) == .invalid(.malformedLength))
        #expect(decode([0x81, 0x80, 0x04]) == .invalid(.frameTooLarge))
        // Rejected as soon as the bits seen exceed the limit, before the prefix ends.
        #expect(decode([0xFF, 0xFF, 0xFF]) == .invalid(.frameTooLarge))
    }

    @Test func encodesWhatItDecodes() {
        for length in [0, 1, 127, 128, 300, 16_383, 16_384, 65_536, 1 << 21, Int(UInt32.max)] {
            var buffer: [UInt8] = []
            FrameHeader.append(length, to: &buffer)
            #expect(buffer.count == FrameHeader.size(of: length))
            #expect(
                decode(buffer, max: Int(UInt32.max))
                    == .complete(headerBytes: buffer.count, bodyBytes: length))
        }
    }
}
