/// Why bytes could not be decoded as a message.
///
/// `fieldPath` names the field at fault from the outermost message inward
/// (`["place", "name"]`), so that an RPC can answer INVALID_ARGUMENT naming it.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of fault.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }

        /// The input ended inside a tag, a value or a length.
        public static let truncated = Code("truncated")
        /// A varint longer than 10 bytes, or one whose 10th byte overflows 64 bits.
        public static let malformedVarint = Code("malformed varint")
        /// A length that runs past the end of the enclosing bytes.
        public static let lengthOutOfBounds = Code("length past the end")
        /// Field number 0, or above 2^29 - 1.
        public static let invalidFieldNumber = Code("invalid field number")
        /// Wire types 6 and 7, or an end-group tag with no matching start.
        public static let invalidWireType = Code("invalid wire type")
        /// A string field whose bytes are not valid UTF-8.
        public static let invalidUTF8 = Code("invalid UTF-8")
        /// Messages or groups nested deeper than the decoder allows.
        public static let tooDeep = Code("nested too deep")

        public var description: String { name }
    }

    public var code: Code
    /// Field names from the outermost message inward; empty when no field is known.
    public var fieldPath: [String]

    public init(_ code: Code, fieldPath: [String] = []) {
        self.code = code
        self.fieldPath = fieldPath
    }

    /// The dotted field path, or "message" when the fault is not in a known field.
    public var field: String {
        fieldPath.isEmpty ? "message" : fieldPath.joined(separator: ".")
    }

    public var description: String { "\(field): \(code)" }

    /// The same error with `name` put in front of its path.
    public func inside(_ name: String) -> WireError {
        WireError(code, fieldPath: [name] + fieldPath)
    }
}
