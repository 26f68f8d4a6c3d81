import Foundation

/// A PostgreSQL store's address as typed after `--store` or in `QUNDECK_STORE`:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=disable|prefer|require]`.
/// The password may instead come from `PGPASSWORD`, so it need not appear in a shell's history.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// The schema holding qundeck's tables, so one database can hold several communities' stores.
    public var schema: String
    public var tls: TLSMode

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw PostgresStoreError.badAddress(Self.redacted(text), reason: "expected postgres://user@host/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresStoreError.badAddress(Self.redacted(text), reason: "no host")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        var schema = "qundeck"
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let value = item.value, Self.isPlainIdentifier(value) else {
                    throw PostgresStoreError.badAddress(
                        Self.redacted(text), reason: "schema must be lower-case letters, digits and _, starting with a letter")
                }
                schema = value
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw PostgresStoreError.badAddress(Self.redacted(text), reason: "sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw PostgresStoreError.badAddress(
                    Self.redacted(text), reason: "unknown parameter \"\(item.name)\" (known: schema, sslmode)")
            }
        }
        self.schema = schema
        self.tls = tls
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 48 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The address without its password: safe for status lines, logs and error messages.
    public var description: String {
        var text = "postgres://\(user)@\(host)"
        if port != 5432 { text += ":\(port)" }
        text += "/\(database)"
        var query: [String] = []
        if schema != "qundeck" { query.append("schema=\(schema)") }
        if tls != .prefer { query.append("sslmode=\(tls.rawValue)") }
        return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "…"
        return components.string ?? "postgres://…"
    }
}
