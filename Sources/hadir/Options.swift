/// Command-line options: `--name value` pairs, bare `--flag`s and positional words.
struct Options {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positional: [String] = []

    /// Options that take no value.
    static let bareFlags: Set<String> = [
        "--force", "--json", "--list", "--emit-defaults", "--proto-names", "--compact",
    ]

    /// Options that take a value. Anything else starting with "--" is refused, so that
    /// a typo (`--mdoe wfh`) is an error rather than silently ignored.
    static let valueOptions: Set<String> = [
        "--db", "--tokens", "--data", "--employees", "--seed", "--server", "--nip", "--token",
        "--mode", "--place", "--at", "--supervisor", "--note", "--page-token", "--timeout",
        "--describe", "--encode", "--decode",
    ]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if Options.bareFlags.contains(word) {
                flags.insert(word)
            } else if word.hasPrefix("--") {
                guard Options.valueOptions.contains(word) else {
                    fail("unknown option \(word); see `hadir help`")
                }
                guard index + 1 < arguments.count else { fail("\(word) needs a value") }
                values[word] = arguments[index + 1]
                index += 1
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            fail(
                "\(name): expected a whole number in \(range.lowerBound)...\(range.upperBound),"
                    + " got \"\(text)\""
            )
        }
        return value
    }
}
