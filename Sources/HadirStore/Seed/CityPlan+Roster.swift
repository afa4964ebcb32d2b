extension CityPlan {
    /// Adds `total` employees: one head per unit (ids 1...units, the Sekda first), then
    /// staff spread over the units.
    mutating func buildRoster(total: Int, random: inout SeedRandom) throws {
        guard total >= units.count else {
            throw StoreError(
                .invalidArgument(field: "employees", reason: "at least \(units.count) needed"),
                "the city has \(units.count) units, each needs a head: ask for at least that many")
        }
        employees.reserveCapacity(total)
        var sequences: [String: Int] = [:]
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        for unit in units {
            let supervisor: Int64
            switch unit.kind {
            case _ where unit.code == "SETDA": supervisor = 0
            case .bidang, .kelurahan: supervisor = byCode[unit.parentCode!]!.headID
            default: supervisor = 1
            }
            employees.append(
                makeEmployee(
                    id: unit.headID, unit: unit, supervisor: supervisor, head: true,
                    sequences: &sequences, random: &random))
        }
        for (index, count) in staffCounts(total - units.count, random: &random).enumerated() {
            let unit = units[index]
            for _ in 0..<count {
                let id = Int64(employees.count + 1)
                employees.append(
                    makeEmployee(
                        id: id, unit: unit, supervisor: unit.headID, head: false,
                        sequences: &sequences, random: &random))
            }
        }
    }

    /// Staff per unit: kelurahan and kecamatan by their own weights (at most a quarter
    /// of the staff), the rest over the perangkat daerah by weight, each shared between
    /// the PD's own office and its bidang.
    private func staffCounts(_ staff: Int, random: inout SeedRandom) -> [Int] {
        let isWilayah = units.map { $0.kind == .kecamatan || $0.kind == .kelurahan }
        let wilayahWanted = zip(units, isWilayah).filter(\.1).reduce(0) { $0 + Int($1.0.staffWeight) }
        let wilayahStaff = min(wilayahWanted, staff / 4)
        var weights = units.map { $0.staffWeight }
        var counts = Array(repeating: 0, count: units.count)
        let wilayahIndices = units.indices.filter { isWilayah[$0] }
        let wilayahCounts = Self.apportion(wilayahStaff, wilayahIndices.map { weights[$0] })
        for (index, count) in zip(wilayahIndices, wilayahCounts) {
            counts[index] = count
        }
        let pdIndices = units.indices.filter { !isWilayah[$0] && units[$0].kind != .bidang }
        let pdCounts = Self.apportion(staff - wilayahStaff, pdIndices.map { weights[$0] })
        for (pdIndex, pdCount) in zip(pdIndices, pdCounts) {
            // The PD's office and its bidang share the PD's staff.
            let members = [pdIndex] + units.indices.filter { units[$0].parentCode == units[pdIndex].code }
            for member in members.dropFirst() { weights[member] = Double(random.int(2...4)) }
            weights[pdIndex] = members.count == 1 ? 1 : 3
            for (member, count) in zip(members, Self.apportion(pdCount, members.map { weights[$0] })) {
                counts[member] = count
            }
        }
        return counts
    }

    /// Splits `total` in proportion to `weights`, exactly, by cumulative rounding.
    static func apportion(_ total: Int, _ weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var out: [Int] = []
        var cumulative = 0.0
        var given = 0
        for weight in weights {
            cumulative += weight
            let upTo = Int((Double(total) * cumulative / sum).rounded())
            out.append(upTo - given)
            given = upTo
        }
        out[out.count - 1] += total - given
        return out
    }

    private func makeEmployee(
        id: Int64, unit: Unit, supervisor: Int64, head: Bool,
        sequences: inout [String: Int], random: inout SeedRandom
    ) -> Employee {
        let sex = random.int(1...2)
        let nip = Self.makeNIP(sex: sex, head: head, sequences: &sequences, random: &random)
        let position = head ? unit.headPosition : random.pick(NameGenerator.staffPositions)
        return Employee(
            id: id, nip: nip, name: NameGenerator.name(sex: sex, using: &random), unitCode: unit.code,
            supervisorID: supervisor, employmentType: !head && random.chance(0.2) ? 2 : 1,
            position: position, isHead: head)
    }

    /// A well-formed, unique NIP: born 1967-2004 (heads 1967-1985), appointed at 20 or
    /// later and before ``asOf``, sequence counting up per birth-appointment-sex prefix.
    static func makeNIP(
        sex: Int, head: Bool, sequences: inout [String: Int], random: inout SeedRandom
    ) -> String {
        while true {
            let birthYear = random.int(1967...(head ? 1985 : 2004))
            let birthMonth = random.int(1...12)
            let birthDay = random.int(1...NIP.daysIn(month: birthMonth, year: birthYear))
            let latest = min(40, asOf.year - 1 - birthYear)
            let appointYear = birthYear + random.int(20...max(20, latest))
            let appointMonth = random.int(1...12)
            let prefix = String(
                format: "%04d%02d%02d%04d%02d%d",
                birthYear, birthMonth, birthDay, appointYear, appointMonth, sex)
            let sequence = (sequences[prefix] ?? 0) + 1
            guard sequence <= 999 else { continue }
            sequences[prefix] = sequence
            return prefix + String(format: "%03d", sequence)
        }
    }
}
