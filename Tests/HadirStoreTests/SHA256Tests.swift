import Foundation
import Testing
@testable import HadirStore

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-2 vectors: empty, abc, two-block message")
    func knownVectors() {
        #expect(
            SHA256.hash("").hexString
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hash("abc").hexString
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hexString
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("one million 'a'")
    func millionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            SHA256.hash(bytes).hexString
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("incremental updates across block edges match one shot")
    func incremental() {
        let message = [UInt8]((0..<200).map { UInt8($0) })
        for split in [0, 1, 55, 56, 63, 64, 65, 199] {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == SHA256.hash(message))
        }
    }

    @Test("agrees with sha256sum on inputs of 0 to 119 bytes")
    func matchesSha256sum() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        for length in [0, 3, 55, 56, 64, 119] {
            let bytes = [UInt8]((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let file = dir.path("in-\(length)")
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [file]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let expected = String(decoding: output, as: UTF8.self).prefix(64)
            #expect(SHA256.hash(bytes).hexString == String(expected), "length \(length)")
        }
    }
}
