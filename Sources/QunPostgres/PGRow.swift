import Foundation
import PostgresNIO

/// One result row, read by column name. Each getter throws an error naming the column when the value is
/// missing or of another type, so a schema mismatch says where it is.
public struct PGRow: Sendable {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    func decode<T: PostgresDecodable>(_ column: String, as type: T.Type) throws -> T {
        guard row.contains(column) else { throw PostgresStoreError.missingColumn(column) }
        do {
            return try row[column].decode(T.self, context: .default)
        } catch {
            throw PostgresStoreError.badColumn(column, expected: "\(T.self)", underlying: "\(error)")
        }
    }

    public func string(_ column: String) throws -> String { try decode(column, as: String.self) }
    public func optionalString(_ column: String) throws -> String? { try decode(column, as: String?.self) }
    public func int64(_ column: String) throws -> Int64 { try decode(column, as: Int64.self) }
    public func optionalInt64(_ column: String) throws -> Int64? { try decode(column, as: Int64?.self) }
    public func int(_ column: String) throws -> Int { Int(try int64(column)) }
    public func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map(Int.init) }
    public func double(_ column: String) throws -> Double { try decode(column, as: Double.self) }
    public func optionalDouble(_ column: String) throws -> Double? { try decode(column, as: Double?.self) }
    public func bool(_ column: String) throws -> Bool { try decode(column, as: Bool.self) }
    public func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: try double(column)) }
    public func optionalDate(_ column: String) throws -> Date? { try optionalDouble(column).map(Date.init(timeIntervalSince1970:)) }
    public func bytes(_ column: String) throws -> [UInt8] {
        var buffer = try decode(column, as: ByteBuffer.self)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Whether the column is NULL in this row.
    public func isNull(_ column: String) -> Bool {
        row.contains(column) && row[column].bytes == nil
    }
}
