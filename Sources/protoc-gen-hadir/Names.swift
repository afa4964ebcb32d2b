/// How protobuf names become Swift names.
enum Names {
    /// "device_token" → "deviceToken"; "URL_path" → "urlPath".
    static func lowerCamel(_ snake: String) -> String {
        // Swift spells the "id" word in capitals after the first word: employeeID.
        let words = snake.split(separator: "_", omittingEmptySubsequences: false)
        if words.count > 1, words.last?.lowercased() == "id" {
            return lowerCamel(words.dropLast().joined(separator: "_")) + "ID"
        }
        let upper = upperCamel(snake)
        guard let first = upper.first else { return upper }
        // Lower the leading run of capitals, keeping the last one when a word follows.
        let chars = Array(upper)
        var index = 0
        while index < chars.count, chars[index].isUppercase { index += 1 }
        if index <= 1 { return first.lowercased() + upper.dropFirst() }
        let cut = index == chars.count ? index : index - 1
        return String(chars[..<cut]).lowercased() + String(chars[cut...])
    }

    /// "work_mode" → "WorkMode"; "DINAS_LUAR" → "DinasLuar".
    static func upperCamel(_ snake: String) -> String {
        var out = ""
        var capitalizeNext = true
        let allCaps = snake == snake.uppercased()
        for char in snake {
            if char == "_" {
                capitalizeNext = true
                continue
            }
            if capitalizeNext {
                out += char.uppercased()
                capitalizeNext = false
            } else {
                out += allCaps ? char.lowercased() : String(char)
            }
            if char.isNumber { capitalizeNext = true }
        }
        return out
    }

    /// "WorkMode" → "WORK_MODE".
    static func upperSnake(_ camel: String) -> String {
        var out = ""
        let chars = Array(camel)
        for (index, char) in chars.enumerated() {
            if char.isUppercase, index > 0 {
                let previous = chars[index - 1]
                let nextIsLower = index + 1 < chars.count && chars[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    out += "_"
                }
            }
            out += char.uppercased()
        }
        return out
    }

    /// The Swift name of an enum value: the enum's prefix stripped, lower camel case.
    static func enumCase(_ value: String, enumName: String) -> String {
        let prefix = upperSnake(enumName) + "_"
        var stripped = value
        if value.hasPrefix(prefix), value.count > prefix.count {
            stripped = String(value.dropFirst(prefix.count))
        }
        if let first = stripped.first, first.isNumber { stripped = value }
        return escaped(lowerCamel(stripped))
    }

    /// Backquotes Swift keywords.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A name safe after a dot, where most keywords need no quoting.
    static func member(_ name: String) -> String {
        name.hasPrefix("`") ? String(name.dropFirst().dropLast()) : name
    }

    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
        "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol",
    ]
}
