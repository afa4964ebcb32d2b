/// Made-up Indonesian-style names from lists of given names, family-style names and
/// syllables, some with academic titles ("Dr.", "S.Kom.", "M.Si."). Deterministic for
/// a given generator state.
struct NameGenerator {
    private static let male = [
        "Agus", "Ahmad", "Andi", "Arief", "Bambang", "Budi", "Dedi", "Eko", "Fajar", "Hadi",
        "Hendra", "Imam", "Joko", "Kurniawan", "Ma’ruf", "Muhammad", "Nur", "Rahmat", "Rudi",
        "Slamet", "Teguh", "Wahyu", "Yusuf", "Zainal", "Dimas", "Gilang", "Rizky", "Bayu",
    ]
    private static let female = [
        "Anisa", "Ayu", "Dewi", "Dian", "Endang", "Fitri", "Indah", "Kartika", "Lestari", "Maya",
        "Nurul", "Putri", "Rina", "Sari", "Siti", "Sri", "Tri", "Wulan", "Yuli", "Retno",
        "Nur’aini", "Rahayu", "Citra", "Ratna", "Diah", "Eka", "Laila",
    ]
    private static let family = [
        "Santoso", "Wijaya", "Hidayat", "Prasetyo", "Kusuma", "Setiawan", "Saputra", "Nugroho",
        "Hartono", "Susilo", "Pratama", "Wibowo", "Gunawan", "Firmansyah", "Purnomo", "Suryadi",
        "Hakim", "Rahman", "Siregar", "Lubis", "Nasution", "Sinaga", "Tanjung", "Maharani",
    ]
    private static let syllables = [
        "su", "har", "to", "wi", "jo", "no", "yo", "sa", "ri", "mi", "ka", "dar", "man", "ti",
        "pur", "wan", "ra", "ni", "ta", "dja", "ya", "di",
    ]
    private static let prefixes = ["Dr.", "Ir.", "Drs.", "dr."]
    private static let degrees = ["S.Kom.", "S.H.", "S.E.", "S.Sos.", "S.Pd.", "S.T.", "S.Kep.", "A.Md."]
    private static let masters = ["M.Si.", "M.M.", "M.Kes.", "M.T.", "M.AP."]

    /// A full name for a person of `sex` (1 male, 2 female).
    static func name(sex: Int, using random: inout SeedRandom) -> String {
        var parts: [String] = []
        if random.chance(0.06) { parts.append(random.pick(prefixes)) }
        parts.append(random.pick(sex == 1 ? male : female))
        if random.chance(0.35) {
            parts.append(coined(using: &random))
        } else {
            parts.append(random.pick(family))
        }
        var name = parts.joined(separator: " ")
        if random.chance(0.45) {
            name += ", " + random.pick(degrees)
            if random.chance(0.3) { name += ", " + random.pick(masters) }
        }
        return name
    }

    /// A Javanese-sounding name built from two or three syllables.
    private static func coined(using random: inout SeedRandom) -> String {
        var word = ""
        for _ in 0..<random.int(2...3) { word += random.pick(syllables) }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Names for a dinas or badan's bidang.
    static let bidangNames = [
        "Bidang Perencanaan dan Evaluasi", "Bidang Pelayanan Publik", "Bidang Pengembangan Kapasitas",
        "Bidang Pengawasan dan Pengendalian", "Bidang Sarana dan Prasarana",
        "Bidang Informasi dan Komunikasi Publik", "Bidang Pemberdayaan Masyarakat",
        "Bidang Data dan Statistik", "Bidang Kerja Sama dan Kemitraan", "Bidang Pembinaan Teknis",
        "Bidang Penataan dan Penertiban", "Bidang Anggaran dan Keuangan",
    ]

    /// Staff position titles.
    static let staffPositions = [
        "Analis Kebijakan", "Pranata Komputer", "Pengadministrasi Umum", "Analis Keuangan",
        "Pengelola Data", "Penyusun Program", "Arsiparis", "Analis Sumber Daya Manusia",
        "Pengelola Layanan", "Penata Kelola Sistem Informasi", "Perencana", "Auditor",
    ]
}
