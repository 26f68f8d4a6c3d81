import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A few open connections to one server, lent to one read or write at a time. Broken connections are
/// dropped and replaced by a new one on the next request, so a restarted server costs one failed call,
/// not a restarted dashboard.
final class PostgresConnectionPool: @unchecked Sendable {
    let address: PostgresAddress
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let maximum: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0

    init(address: PostgresAddress, maximum: Int = 8) throws {
        self.address = address
        self.maximum = maximum
        logger = Logger(label: "qundeck.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: try Self.tls(address.tls))
        configuration.options.connectTimeout = .seconds(10)
        // No JIT: qundeck's queries are short look-ups, and compiling one (10–15 ms) costs more than it saves.
        configuration.options.additionalStartupParameters = [
            ("search_path", address.schema), ("application_name", "qundeck"), ("TimeZone", "UTC"), ("jit", "off"),
        ]
        self.configuration = configuration
    }

    private static func tls(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    /// Opens a connection of its own (not pooled): for LISTEN, which keeps its connection.
    func connect() throws -> PostgresConnection {
        condition.lock()
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw PostgresStoreError.cannotConnect(address: address.description, underlying: Self.explain(error))
        }
    }

    static func explain(_ error: Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return "\(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try checkOut()
        let session = PostgresSession(connection: connection, logger: logger)
        defer { checkIn(connection, broken: session.isBroken) }
        return try body(session)
    }

    private func checkOut() throws -> PostgresConnection {
        condition.lock()
        while true {
            while let connection = idle.popLast() {
                if !connection.isClosed {
                    condition.unlock()
                    return connection
                }
                open -= 1
            }
            if open < maximum {
                open += 1
                condition.unlock()
                do {
                    return try connect()
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            condition.wait()
        }
    }

    private func checkIn(_ connection: PostgresConnection, broken: Bool) {
        condition.lock()
        if broken || connection.isClosed {
            open -= 1
            _ = try? connection.close().wait()
        } else {
            idle.append(connection)
        }
        condition.signal()
        condition.unlock()
    }

    func closeAll() {
        condition.lock()
        let connections = idle
        idle.removeAll()
        open -= connections.count
        condition.unlock()
        for connection in connections { _ = try? connection.close().wait() }
    }
}
