/// Leading comments of a file's elements, by source-code path.
struct Comments {
    private var byPath: [[Int32]: String] = [:]

    init(_ file: FileDescriptor) {
        for location in file.locations where !location.leadingComments.isEmpty {
            byPath[location.path] = location.leadingComments
        }
    }

    func doc(_ path: [Int32], into out: inout Printer) {
        if let comment = byPath[path] { out.doc(comment) }
    }
}
