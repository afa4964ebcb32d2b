import Foundation
import HadirStore

/// `hadir policy UNIT flex|fixed`: which policy counts a unit's days. An operator's
/// command on the database file, like `hadir init`; the server reads it on each count.
enum PolicyCommand {
    static func run(_ options: Options) {
        guard options.positional.count == 2 else { fail("usage: hadir policy UNIT flex|fixed [--db PATH]") }
        let (unit, policy) = (options.positional[0], options.positional[1])
        guard ["flex", "fixed"].contains(policy) else {
            fail("policy: expected flex or fixed, got \"\(policy)\"")
        }
        let path = options["--db"] ?? "var/hadir.sqlite"
        guard FileManager.default.fileExists(atPath: path) else { fail("no database at \(path)", code: 1) }
        do {
            let db = try Database(path: path)
            try db.exec("PRAGMA busy_timeout=5000")
            // An older database gets the unit policy column first, as the server would add it.
            try Migrations.apply(to: db)
            let update = try db.prepare("UPDATE units SET policy = ? WHERE code = ?")
            update.bind(1, policy)
            update.bind(2, unit)
            try update.run()
            guard db.changes == 1 else { fail("unit: no unit \"\(unit)\"", code: 1) }
            let meaning = policy == "flex"
                ? "flexible hours (7.5 h a day or 37.5 h a week)"
                : "fixed schedule, Perpres 21/2023 hours, TL/PSW ladder"
            print("\(unit): \(meaning)")
        } catch {
            fail("\(error)", code: 1)
        }
    }
}
