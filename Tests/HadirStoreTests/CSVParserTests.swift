import Testing
@testable import HadirStore

@Suite("CSVParser")
struct CSVParserTests {
    @Test("quoted fields keep their commas; doubled quotes become one")
    func quotedFields() throws {
        let text = """
            kode,nama,jenis
            BAPPEDALITBANG,"Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",badan
            X,"Kata ""kutip"" di sini",dinas

            """
        let rows = try CSVParser.parse(text)
        #expect(rows.count == 3)
        #expect(
            rows[1] == [
                "BAPPEDALITBANG",
                "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", "badan",
            ])
        #expect(rows[2] == ["X", "Kata \"kutip\" di sini", "dinas"])
    }

    @Test("CRLF line ends, empty fields, a newline inside quotes, no final newline")
    func edges() throws {
        let rows = try CSVParser.parse("a,,c\r\n\"line\none\",2,\r\nlast")
        #expect(rows == [["a", "", "c"], ["line\none", "2", ""], ["last"]])
    }

    @Test("an unterminated quote and text after a closing quote are errors")
    func malformed() {
        #expect(throws: StoreError.self) { try CSVParser.parse("a,\"open\n") }
        #expect(throws: StoreError.self) { try CSVParser.parse("\"closed\"x,b\n") }
    }

    @Test("records map fields by header and demand the required columns")
    func records() throws {
        let records = try CSVParser.records(
            "date,name\n2025-08-17,Hari Kemerdekaan\n", required: ["date", "name"])
        #expect(records == [["date": "2025-08-17", "name": "Hari Kemerdekaan"]])
        #expect(throws: StoreError.self) { try CSVParser.records("date\n2025-08-17\n", required: ["name"]) }
    }
}
