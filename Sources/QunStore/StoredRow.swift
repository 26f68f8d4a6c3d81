import Foundation
import GRDB

/// A result row read by column name, whatever the backend: what `StoreDecoding` builds domain values from,
/// so the SQLite and PostgreSQL stores decode every row the same way. `Failure` is the backend's error:
/// GRDB's rows never throw (`Never`), so SQLite callers decode without `try`; PostgreSQL's rows report a
/// missing or mistyped column.
public protocol StoredRow {
    associatedtype Failure: Error
    func string(_ column: String) throws(Failure) -> String
    func optionalString(_ column: String) throws(Failure) -> String?
    func int64(_ column: String) throws(Failure) -> Int64
    func optionalInt64(_ column: String) throws(Failure) -> Int64?
    func double(_ column: String) throws(Failure) -> Double
    func optionalDouble(_ column: String) throws(Failure) -> Double?
}

extension StoredRow {
    public func int(_ column: String) throws(Failure) -> Int { Int(try int64(column)) }
    public func optionalInt(_ column: String) throws(Failure) -> Int? { try optionalInt64(column).map { Int($0) } }
    /// A REAL / double precision column of epoch seconds.
    public func date(_ column: String) throws(Failure) -> Date { Date(timeIntervalSince1970: try double(column)) }
    public func optionalDate(_ column: String) throws(Failure) -> Date? {
        try optionalDouble(column).map { Date(timeIntervalSince1970: $0) }
    }
}

extension Row: StoredRow {
    public typealias Failure = Never
    public func string(_ column: String) -> String { self[column] }
    public func optionalString(_ column: String) -> String? { self[column] }
    public func int64(_ column: String) -> Int64 { self[column] }
    public func optionalInt64(_ column: String) -> Int64? { self[column] }
    public func double(_ column: String) -> Double { self[column] }
    public func optionalDouble(_ column: String) -> Double? { self[column] }
}
