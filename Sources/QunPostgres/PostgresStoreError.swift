import Foundation

/// Errors of the PostgreSQL backend, phrased for the admin who typed the address.
public enum PostgresStoreError: Error, CustomStringConvertible, Equatable {
    case badAddress(String, reason: String)
    case cannotConnect(address: String, underlying: String)
    case query(sql: String, message: String, sqlState: String?)
    case missingColumn(String)
    case badColumn(String, expected: String, underlying: String)
    case connectionLost(address: String)

    public var description: String {
        switch self {
        case let .badAddress(address, reason): return "bad store address \(address): \(reason)"
        case let .cannotConnect(address, underlying): return "cannot connect to store \(address): \(underlying)"
        case let .query(sql, message, state):
            let firstLine = sql.split(separator: "\n").first.map(String.init) ?? sql
            return "PostgreSQL error\(state.map { " \($0)" } ?? ""): \(message) (in: \(firstLine.trimmingCharacters(in: .whitespaces)))"
        case let .missingColumn(column): return "the store returned no column \"\(column)\""
        case let .badColumn(column, expected, underlying): return "column \"\(column)\" is not \(expected): \(underlying)"
        case let .connectionLost(address): return "the connection to store \(address) was lost"
        }
    }

    /// SQLSTATE 40001 (serialization failure) and 40P01 (deadlock): the transaction can simply run again.
    var isRetryable: Bool {
        if case let .query(_, _, state) = self { return state == "40001" || state == "40P01" }
        return false
    }

    /// SQLSTATE 23505: a unique constraint refused the row.
    public var isUniqueViolation: Bool {
        if case let .query(_, _, state) = self { return state == "23505" }
        return false
    }
}
