import NIOCore
import PostgresNIO

/// A bound parameter of a PostgreSQL statement (`$1`, `$2`…), spelled like GRDB's `DatabaseValue` so store code
/// reads the same on both backends. Arrays may hold NULLs (postgres-nio's own arrays cannot), which batched
/// `unnest($1::text[], …)` inserts of nullable columns need.
public enum PGValue: Sendable, Equatable {
    case null
    case text(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case bytes([UInt8])
    case textArray([String?])
    case intArray([Int64?])
    case doubleArray([Double?])

    public init(_ value: String?) { self = value.map(PGValue.text) ?? .null }
    public init(_ value: Int64?) { self = value.map(PGValue.int) ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Double?) { self = value.map(PGValue.double) ?? .null }
    public init(_ value: Bool?) { self = value.map(PGValue.bool) ?? .null }

    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case let .text(value): bindings.append(value)
        case let .int(value): bindings.append(value)
        case let .double(value): bindings.append(value)
        case let .bool(value): bindings.append(value)
        case let .bytes(value): bindings.append(ByteBuffer(bytes: value))
        case let .textArray(values): bindings.append(NullableArray(kind: .text, texts: values))
        case let .intArray(values): bindings.append(NullableArray(kind: .int8, ints: values))
        case let .doubleArray(values): bindings.append(NullableArray(kind: .float8, doubles: values))
        }
    }
}

extension PGValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// A one-dimensional array in PostgreSQL's binary array format, with NULL elements written as length -1.
struct NullableArray: PostgresDynamicTypeEncodable {
    enum Kind {
        case text, int8, float8

        var elementType: PostgresDataType {
            switch self {
            case .text: .text
            case .int8: .int8
            case .float8: .float8
            }
        }

        var arrayType: PostgresDataType {
            switch self {
            case .text: .textArray
            case .int8: .int8Array
            case .float8: .float8Array
            }
        }
    }

    let kind: Kind
    private let elements: [[UInt8]?]

    init(kind: Kind, texts: [String?]) {
        self.kind = kind
        elements = texts.map { $0.map { Array($0.utf8) } }
    }

    init(kind: Kind, ints: [Int64?]) {
        self.kind = kind
        elements = ints.map { $0.map { Self.bigEndianBytes(UInt64(bitPattern: $0)) } }
    }

    init(kind: Kind, doubles: [Double?]) {
        self.kind = kind
        elements = doubles.map { $0.map { Self.bigEndianBytes($0.bitPattern) } }
    }

    private static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }

    var psqlType: PostgresDataType { kind.arrayType }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains { $0 == nil } ? 1 : 0, as: Int32.self)
        buffer.writeInteger(kind.elementType.rawValue)
        guard !elements.isEmpty else { return }
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            if let element {
                buffer.writeInteger(Int32(element.count))
                buffer.writeBytes(element)
            } else {
                buffer.writeInteger(-1, as: Int32.self)
            }
        }
    }
}
