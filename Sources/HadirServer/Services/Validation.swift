import HadirRPC
import HadirRules

/// Checks shared by the services, each failing with INVALID_ARGUMENT naming the field.
enum Validation {
    /// A local date "YYYY-MM-DD", telling a wrong shape from a date the calendar lacks.
    static func date(_ text: String, field: String) throws(RPCError) -> LocalDate {
        if let date = LocalDate(iso: text) { return date }
        let shape =
            text.utf8.count == 10
            && text.utf8.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
            }
        throw .invalidArgument(
            field, shape ? "\(text) is not a date of the calendar" : "expected YYYY-MM-DD, got \"\(text)\""
        )
    }

    /// A date, or today in `zone` when the text is empty.
    static func date(_ text: String, field: String, orTodayIn zone: WorkZone, now: Int64) throws(RPCError)
        -> LocalDate
    {
        text.isEmpty ? zone.localDate(ofInstant: now) : try date(text, field: field)
    }

    /// An employee id as sent; ids beyond Int64 name nobody.
    static func employeeID(_ value: UInt64, field: String) throws(RPCError) -> Int64 {
        guard value <= UInt64(Int64.max) else { throw RPCError(.notFound, "\(field): no employee \(value)") }
        return Int64(value)
    }
}
