import Foundation

/// The tokens file `hadir init` hands to the operator: TSV with a header
/// `nip, employee_id, name, token`, created with mode 0600 because it holds secrets.
enum TokensFile {
    static func write(_ path: String, plan: CityPlan, tokens: [String]) throws {
        var text = "nip\temployee_id\tname\ttoken\n"
        text.reserveCapacity(plan.employees.count * 100)
        for (employee, token) in zip(plan.employees, tokens) {
            text += "\(employee.nip)\t\(employee.id)\t\(employee.name)\t\(token)\n"
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw StoreError(.io(errno), "cannot create \(path)") }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw StoreError(.io(errno), "cannot chmod \(path)") }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError(.io(errno), "cannot write \(path)")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw StoreError(.io(errno), "cannot sync \(path)") }
    }
}
