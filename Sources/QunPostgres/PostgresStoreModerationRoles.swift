import QunStore

/// The moderation, outbox, audit and connector roles on PostgreSQL; their methods live in the files named
/// after each concern (PostgresModerationWrites, PostgresOutboxClaims, PostgresConnectorRecords, …).
extension PostgresStore: ModerationActions, OutboxQueue, OutboxAdministration, AuditLog, ConnectorLedger {}
