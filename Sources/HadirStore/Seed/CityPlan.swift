import Foundation

/// The city worked out in memory before anything is written: units, then employees
/// (heads first, the Sekda as id 1), deterministic for a seed.
struct CityPlan {
    struct Unit {
        var code: String
        var name: String
        var kind: UnitKind
        var parentCode: String?
        var postalCode: String?
        var headID: Int64 = 0
        var headPosition = ""
        var staffWeight = 1.0
    }

    struct Employee {
        var id: Int64
        var nip: String
        var name: String
        var unitCode: String
        var supervisorID: Int64
        var employmentType: Int32
        var position: String
        var isHead: Bool
    }

    var units: [Unit] = []
    var employees: [Employee] = []
    var holidays: [(date: String, name: String)] = []

    /// The year and month the roster is generated "as of", so that one seed always gives
    /// the same NIPs; appointments all fall before it.
    static let asOf = (year: 2025, month: 4)

    /// Reads the three data files and builds the unit tree.
    init(dataDirectory: URL, random: inout SeedRandom) throws {
        let pd = try Self.read(dataDirectory, "surabaya-perangkat-daerah.csv", ["kode", "nama", "jenis"])
        let wilayah = try Self.read(
            dataDirectory, "surabaya-wilayah.csv", ["kecamatan", "kelurahan", "kode_pos"])
        let libur = try Self.read(dataDirectory, "hari-libur-nasional.csv", ["date", "name"])

        for row in pd {
            let code = row["kode"]!, name = row["nama"]!
            guard let kind = UnitKind(jenis: row["jenis"]!) else {
                throw StoreError(
                    .invalidArgument(field: "jenis", reason: "unknown kind \(row["jenis"]!)"),
                    "perangkat daerah \(code) has an unknown jenis")
            }
            var unit = Unit(code: code, name: name, kind: kind, parentCode: nil)
            unit.headPosition = Self.headTitle(code: code, name: name, kind: kind)
            unit.staffWeight = Self.pdWeight(code: code, kind: kind)
            units.append(unit)
            guard kind == .dinas || kind == .badan else { continue }
            var names = NameGenerator.bidangNames
            names.shuffle(using: &random)
            for index in 1...random.int(2...5) {
                var bidang = Unit(
                    code: "\(code)-B\(index)", name: names[index - 1], kind: .bidang, parentCode: code)
                bidang.headPosition = "Kepala \(names[index - 1])"
                units.append(bidang)
            }
        }
        guard units.first?.code == "SETDA" else {
            throw StoreError(
                .invalidArgument(field: "kode", reason: "SETDA must come first"),
                "the perangkat daerah file must start with SETDA, the Sekda's unit")
        }

        var kecamatanCodes: [String: String] = [:]
        for row in wilayah {
            let kecamatan = row["kecamatan"]!, kelurahan = row["kelurahan"]!
            let kecCode: String
            if let known = kecamatanCodes[kecamatan] {
                kecCode = known
            } else {
                kecCode = "KEC-" + Self.codePart(kecamatan)
                kecamatanCodes[kecamatan] = kecCode
                var unit = Unit(
                    code: kecCode, name: "Kecamatan \(kecamatan)", kind: .kecamatan, parentCode: nil)
                unit.headPosition = "Camat \(kecamatan)"
                unit.staffWeight = Double(random.int(19...39))  // 20-40 with the camat
                units.append(unit)
            }
            var unit = Unit(
                code: "KEL-\(kecCode.dropFirst(4))-\(Self.codePart(kelurahan))",
                name: "Kelurahan \(kelurahan)", kind: .kelurahan, parentCode: kecCode,
                postalCode: row["kode_pos"])
            unit.headPosition = "Lurah \(kelurahan)"
            unit.staffWeight = Double(random.int(9...19))  // 10-20 with the lurah
            units.append(unit)
        }
        holidays = libur.map { ($0["date"]!, $0["name"]!) }
        for index in units.indices { units[index].headID = Int64(index + 1) }
    }

    private static func read(
        _ directory: URL, _ file: String, _ columns: [String]
    ) throws -> [[String: String]] {
        let url = directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StoreError(.notFound, "cannot read \(url.path)")
        }
        return try CSVParser.records(String(decoding: data, as: UTF8.self), required: columns)
    }

    /// Upper-case letters and digits only: "Asem Rowo" becomes "ASEMROWO".
    static func codePart(_ name: String) -> String {
        let kept = name.uppercased().unicodeScalars.filter {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        return String(String.UnicodeScalarView(kept))
    }

    private static func headTitle(code: String, name: String, kind: UnitKind) -> String {
        switch kind {
        case _ where code == "SETDA": "Sekretaris Daerah"
        case .sekretariat: "Sekretaris \(name.replacingOccurrences(of: "Sekretariat ", with: ""))"
        case .inspektorat: "Inspektur"
        case .rumahSakit: "Direktur \(name)"
        default: "Kepala \(name)"
        }
    }

    /// Relative share of the perangkat daerah staff: schools and health care are the
    /// city's largest employers.
    private static func pdWeight(code: String, kind: UnitKind) -> Double {
        switch code {
        case "DISPENDIK": 40
        case "DINKES": 20
        case "RSUD-SOEWANDHIE", "RSUD-BDH", "SATPOLPP": 6
        case "DSDABM", "DLH", "DPKP", "DISHUB": 4
        default: kind == .dinas || kind == .badan ? 2 : 1.5
        }
    }
}
