/// Lenient accessors for reading export records (`null` reads as absent).
extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        if case let .object(fields) = self, let v = fields[key], v != .null { return v }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case let .object(o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var int64Value: Int64? {
        switch self {
        case let .integer(i): return i
        case let .number(d) where d.rounded() == d && abs(d) < 9e18: return Int64(d)
        case let .string(s): return Int64(s)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// An id given as a string or an integer, as a string.
    public var idString: String? {
        switch self {
        case let .string(s) where !s.isEmpty: return s
        case let .integer(i): return String(i)
        case let .number(d) where d.rounded() == d && abs(d) < 9e18: return String(Int64(d))
        default: return nil
        }
    }
}
