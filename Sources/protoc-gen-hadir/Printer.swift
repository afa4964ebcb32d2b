/// Collects generated source with indentation.
struct Printer {
    private(set) var text = ""
    private var indent = ""

    mutating func line(_ content: String = "") {
        text += content.isEmpty ? "\n" : indent + content + "\n"
    }

    mutating func block(
        _ opening: String, open: Bool = true, _ body: (inout Printer) throws -> Void
    ) rethrows {
        line(open ? opening + " {" : opening)
        indent += "    "
        try body(&self)
        indent.removeLast(4)
        line("}")
    }

    /// A switch: its cases at the level of the switch, as Swift style has them.
    mutating func switchBlock(_ opening: String, _ body: (inout Printer) throws -> Void) rethrows {
        line(opening + " {")
        try body(&self)
        line("}")
    }

    mutating func indented(_ body: (inout Printer) throws -> Void) rethrows {
        indent += "    "
        try body(&self)
        indent.removeLast(4)
    }

    /// Writes protobuf comments as Swift documentation comments.
    mutating func doc(_ comment: String) {
        var lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(" ") ? String($0.dropFirst()) : String($0)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        for text in lines { line(text.isEmpty ? "///" : "/// " + text) }
    }
}
