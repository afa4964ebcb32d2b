/// A small RFC 4180 CSV parser: comma separated, fields optionally in double quotes,
/// `""` for a quote inside a quoted field, quoted fields may hold commas and newlines,
/// CRLF or LF line ends.
public enum CSVParser {
    /// Parses `text` into rows of fields. A trailing newline adds no empty row.
    ///
    /// - Throws: ``StoreError`` `.invalidArgument` for an unterminated quote or text
    ///   after a closing quote.
    public static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var fieldStarted = false
        let bytes = Array(text.utf8)
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
            fieldStarted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                endField()
                rows.append(row)
                row.removeAll()
                line += 1
            case UInt8(ascii: "\"") where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            default:
                if afterQuote {
                    throw StoreError(
                        .invalidArgument(field: "csv", reason: "text after a closing quote"),
                        "line \(line): text after a closing quote")
                }
                fieldStarted = true
                field.append(byte)
            }
        }
        if inQuotes {
            throw StoreError(
                .invalidArgument(field: "csv", reason: "unterminated quote"),
                "line \(line): a quoted field is never closed")
        }
        if fieldStarted || !row.isEmpty || afterQuote {
            endField()
            rows.append(row)
        }
        return rows
    }

    /// Parses text with a header row into one dictionary per data row, keyed by the
    /// header's names, and checks that the `required` columns are present.
    public static func records(_ text: String, required: [String]) throws -> [[String: String]] {
        let rows = try parse(text)
        guard let header = rows.first else { return [] }
        for name in required where !header.contains(name) {
            throw StoreError(
                .invalidArgument(field: name, reason: "missing column"),
                "the CSV header has no column \(name)")
        }
        return rows.dropFirst().filter { $0 != [""] }.map { fields in
            var record: [String: String] = [:]
            for (name, value) in zip(header, fields) { record[name] = value }
            return record
        }
    }
}
