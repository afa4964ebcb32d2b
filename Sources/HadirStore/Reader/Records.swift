// The plain values the store's readers return. Small and closely related, so they
// share a file.

/// An enrolled device, as found by its token.
public struct DeviceRecord: Sendable, Hashable {
    /// The device's id.
    public var id: Int64
    /// The employee the device belongs to.
    public var employeeID: Int64
    /// The highest event number the store has recorded from it (0 for none).
    public var lastEventSeq: UInt32
    /// A label for people, e.g. the phone's model.
    public var label: String
}

/// An employee (ASN).
public struct EmployeeRecord: Sendable, Hashable {
    /// The employee's id.
    public var id: Int64
    /// The 18-digit NIP.
    public var nip: String
    /// Full name with titles, free Unicode text.
    public var name: String
    /// The code of the unit the employee sits in.
    public var unitCode: String
    /// The direct supervisor's id; 0 for the top of the city (the Sekda).
    public var supervisorID: Int64
    /// 1 PNS, 2 PPPK.
    public var employmentType: Int32
    /// The position title.
    public var position: String
    /// Whether the employee heads their unit.
    public var isHead: Bool
}

/// A unit: a perangkat daerah, a bidang, a kecamatan or a kelurahan.
public struct UnitRecord: Sendable, Hashable {
    /// The unit's code, e.g. `DISKOMINFO`, `KEC-ASEMROWO`.
    public var code: String
    /// Its name.
    public var name: String
    /// Its kind, one of ``UnitKind``'s raw values.
    public var kind: Int32
    /// The parent unit's code; empty at the top.
    public var parentCode: String
    /// IANA time zone, `Asia/Jakarta` for Surabaya.
    public var timeZone: String
    /// The postal code, for kelurahan; empty otherwise.
    public var postalCode: String
    /// The head's employee id; 0 when none.
    public var headEmployeeID: Int64
    /// How many employees sit directly in the unit.
    public var employeeCount: Int
}

/// One stored attendance event.
public struct EventRecord: Sendable, Hashable {
    /// The event's id.
    public var id: Int64
    /// The employee.
    public var employeeID: Int64
    /// The device that sent it.
    public var deviceID: Int64
    /// The device's number for it.
    public var eventSeq: UInt32
    /// Check-in or check-out.
    public var kind: PunchKind
    /// The work mode's contract number.
    public var mode: Int32
    /// The device's raw clock at capture; 0 when none was sent.
    public var capturedAtMs: Int64
    /// The corrected instant it counts at.
    public var recordedAtMs: Int64
    /// When the server received it.
    public var receivedAtMs: Int64
    /// The estimated device clock offset.
    public var clockOffsetMs: Int64
    /// A named place; may be empty.
    public var placeName: String
    /// Latitude in degrees.
    public var latitude: Double
    /// Longitude in degrees.
    public var longitude: Double
    /// Accuracy in metres; 0 when unknown.
    public var accuracyM: Float
}

/// A non-working day.
public struct HolidayRecord: Sendable, Hashable {
    /// The local date, `yyyy-mm-dd`.
    public var date: String
    /// Its name, in Indonesian.
    public var name: String
    /// `national`, `cuti_bersama` or `local`.
    public var kind: String
}

/// A working-time policy, versioned data.
public struct PolicyRecord: Sendable, Hashable {
    /// The policy's id.
    public var id: Int64
    /// Its name, e.g. `surabaya-flex`.
    public var name: String
    /// Its version; a change adds a new version.
    public var version: Int64
    /// `flex`, `fixed` or `shift`.
    public var model: String
    /// Seconds that meet a day (27,000 = 7.5 h).
    public var daySeconds: Int64
    /// Seconds that meet a week (135,000 = 37.5 h).
    public var weekSeconds: Int64
    /// The longest a check-in stays open (57,600 = 16 h).
    public var maxOpenSessionSeconds: Int64
}

/// The kinds of unit, as stored in `units.kind`.
public enum UnitKind: Int32, Sendable, CaseIterable {
    case sekretariat = 1
    case inspektorat = 2
    case badan = 3
    case dinas = 4
    case satuan = 5
    case rumahSakit = 6
    case kecamatan = 7
    case kelurahan = 8
    case bidang = 9

    /// The kind named in the perangkat daerah file's `jenis` column.
    public init?(jenis: String) {
        switch jenis {
        case "sekretariat": self = .sekretariat
        case "inspektorat": self = .inspektorat
        case "badan": self = .badan
        case "dinas": self = .dinas
        case "satuan": self = .satuan
        case "rumah_sakit": self = .rumahSakit
        default: return nil
        }
    }
}
