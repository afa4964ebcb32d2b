import Foundation

/// One row of the enrolment file that `hadir init` writes.
struct EnrolledDevice {
    let nip: String
    let employeeID: String
    let name: String
    let token: String

    /// Reads the device for `nip`, or the first one in the file.
    static func load(path: String, nip: String?) throws -> EnrolledDevice {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("cannot read \(path): run `hadir init` first, or pass --token")
        }
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { continue }
            let device = EnrolledDevice(
                nip: fields[0], employeeID: fields[1], name: fields[2], token: fields[3])
            if nip == nil || nip == device.nip { return device }
        }
        throw CLIError(nip.map { "no device for NIP \($0) in \(path)" } ?? "\(path) lists no device")
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
