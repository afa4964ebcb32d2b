import Foundation
import HadirLog

/// Builds a city's database for `hadir init`: the unit tree of Surabaya from the data
/// files, a synthetic but well-formed roster, one enrolled device per employee, and the
/// national holidays, all in one transaction.
///
/// ```swift
/// let seeder = CitySeeder(dataDirectory: URL(fileURLWithPath: "data"), employees: 40_000, seed: 7)
/// let summary = try seeder.seed(into: "hadir.sqlite", tokensFile: "tokens.tsv")
/// ```
///
/// The roster is deterministic for a seed; the device tokens are not (they are secrets).
/// Tokens are written once, to the tokens file (mode 0600); the database keeps only
/// their SHA-256.
public struct CitySeeder: Sendable {
    /// Directory holding `surabaya-wilayah.csv`, `surabaya-perangkat-daerah.csv` and
    /// `hari-libur-nasional.csv`.
    public var dataDirectory: URL
    /// How many employees to create, heads included.
    public var employees: Int
    /// The roster's seed.
    public var seed: UInt64

    /// Creates a seeder.
    public init(dataDirectory: URL, employees: Int = 40_000, seed: UInt64 = 20_250_421) {
        self.dataDirectory = dataDirectory
        self.employees = employees
        self.seed = seed
    }

    /// Creates the database at `path` and writes the tokens file.
    ///
    /// - Parameters:
    ///   - path: The database file to create.
    ///   - tokensFile: Where to write `nip, employee_id, name, token` as TSV, mode 0600.
    ///   - force: Replaces an existing database and tokens file.
    ///   - logger: Receives one info line with the counts.
    /// - Returns: What was created.
    /// - Throws: ``StoreError`` `.conflict` when a file exists and `force` is false;
    ///   `.invalidArgument` or `.notFound` for bad data files; `.sqlite` or `.io`.
    @discardableResult
    public func seed(
        into path: String, tokensFile: String, force: Bool = false, logger: Logger = .disabled
    ) throws -> SeedSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        let files = FileManager.default
        for existing in [path, tokensFile] where files.fileExists(atPath: existing) {
            guard force else {
                throw StoreError(.conflict, "\(existing) already exists; pass force to replace it")
            }
        }
        if force {
            Self.remove([path, path + "-wal", path + "-shm", tokensFile])
        }

        var random = SeedRandom(seed: seed)
        var plan = try CityPlan(dataDirectory: dataDirectory, random: &random)
        try plan.buildRoster(total: employees, random: &random)
        let tokens = plan.employees.map { _ in TokenGenerator.make() }

        do {
            try TokensFile.write(tokensFile, plan: plan, tokens: tokens)
            try write(plan, tokens: tokens, to: path)
        } catch {
            Self.remove([path, path + "-wal", path + "-shm", tokensFile])
            throw error
        }
        let summary = SeedSummary(
            units: plan.units.count,
            perangkatDaerah: plan.units.filter { $0.kind.rawValue <= UnitKind.rumahSakit.rawValue }.count,
            bidang: plan.units.filter { $0.kind == .bidang }.count,
            kecamatan: plan.units.filter { $0.kind == .kecamatan }.count,
            kelurahan: plan.units.filter { $0.kind == .kelurahan }.count,
            employees: plan.employees.count, devices: tokens.count, holidays: plan.holidays.count,
            milliseconds: Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000))
        logger.info(
            "city seeded",
            [
                ("db.path", path), ("seed.units", "\(summary.units)"),
                ("seed.employees", "\(summary.employees)"),
                ("seed.holidays", "\(summary.holidays)"), ("seed.ms", "\(summary.milliseconds)"),
            ])
        return summary
    }

    private static func remove(_ paths: [String]) {
        for file in paths { try? FileManager.default.removeItem(atPath: file) }
    }

    private func write(_ plan: CityPlan, tokens: [String], to path: String) throws {
        let (db, _) = try Connections.openWriter(path: path)
        let enrolledAt = WallClock.nowMs()
        try db.transaction {
            let unit = try db.prepare(
                """
                INSERT INTO units (code, name, kind, parent_code, time_zone, postal_code, head_employee_id)
                VALUES (?, ?, ?, ?, 'Asia/Jakarta', ?, ?)
                """)
            for u in plan.units {
                unit.bind(1, u.code)
                unit.bind(2, u.name)
                unit.bind(3, Int64(u.kind.rawValue))
                unit.bind(4, u.parentCode)
                unit.bind(5, u.postalCode)
                unit.bind(6, u.headID)
                try unit.run()
                unit.reset()
            }
            let employee = try db.prepare(
                """
                INSERT INTO employees
                    (id, nip, name, unit_code, supervisor_id, employment_type, position, is_head)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let device = try db.prepare(
                """
                INSERT INTO devices (employee_id, token_hash, label, enrolled_at_ms)
                VALUES (?, ?, 'seeded', ?)
                """)
            for (e, token) in zip(plan.employees, tokens) {
                employee.bind(1, e.id)
                employee.bind(2, e.nip)
                employee.bind(3, e.name)
                employee.bind(4, e.unitCode)
                if e.supervisorID == 0 { employee.bindNull(5) } else { employee.bind(5, e.supervisorID) }
                employee.bind(6, Int64(e.employmentType))
                employee.bind(7, e.position)
                employee.bind(8, Int64(e.isHead ? 1 : 0))
                try employee.run()
                employee.reset()
                device.bind(1, e.id)
                device.bind(2, blob: SHA256.hash(token))
                device.bind(3, enrolledAt)
                try device.run()
                device.reset()
            }
            let holiday = try db.prepare("INSERT INTO holidays (date, name, kind) VALUES (?, ?, 'national')")
            for h in plan.holidays {
                holiday.bind(1, h.date)
                holiday.bind(2, h.name)
                try holiday.run()
                holiday.reset()
            }
        }
    }
}

/// What ``CitySeeder`` created.
public struct SeedSummary: Sendable, Hashable {
    /// Every unit: PD, bidang, kecamatan, kelurahan.
    public var units: Int
    /// Perangkat daerah from the data file (dinas, badan, secretariats, ...).
    public var perangkatDaerah: Int
    /// Bidang under dinas and badan.
    public var bidang: Int
    /// Kecamatan.
    public var kecamatan: Int
    /// Kelurahan.
    public var kelurahan: Int
    /// Employees, heads included.
    public var employees: Int
    /// Devices enrolled, one per employee.
    public var devices: Int
    /// Holidays loaded.
    public var holidays: Int
    /// Wall time taken.
    public var milliseconds: Int
}
