import Foundation
import HadirLog
import HadirStore

/// `hadir init`: the sample city database and its enrolment file.
enum InitCommand {
    static func run(_ options: Options) {
        let db = options["--db"] ?? "var/hadir.sqlite"
        let tokens = options["--tokens"] ?? "var/tokens.tsv"
        let data = options["--data"] ?? "data"
        let employees = options.integer("--employees", default: 40_000, in: 1...2_000_000)
        let seed = options.integer("--seed", default: 20_250_421, in: 0...Int.max)
        let logger = Logger(label: "hadir-init")
        for path in [db, tokens] {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        do {
            let summary = try CitySeeder(
                dataDirectory: URL(fileURLWithPath: data), employees: employees, seed: UInt64(seed)
            ).seed(into: db, tokensFile: tokens, force: options.has("--force"), logger: logger)
            print(
                """
                database   \(db)
                enrolment  \(tokens)  (one device token per employee; keep it secret)
                units      \(summary.units): \(summary.perangkatDaerah) perangkat daerah, \
                \(summary.bidang) bidang, \(summary.kecamatan) kecamatan, \(summary.kelurahan) kelurahan
                employees  \(summary.employees), devices \(summary.devices), holidays \(summary.holidays)
                took       \(summary.milliseconds) ms
                """)
        } catch let error as StoreError {
            if case .conflict = error.code {
                fail("\(error.message); add --force to rebuild it", code: 1)
            }
            fail("\(error)", code: 1)
        } catch {
            fail("\(error)", code: 1)
        }
    }
}
