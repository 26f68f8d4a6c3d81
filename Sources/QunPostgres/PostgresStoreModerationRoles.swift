import QunStore

/// The roles the moderation work implements in full on PostgreSQL. `ConnectorLedger` joins them once
/// `storeUpdates(_:cursor:now:)` (written with event ingest) is in: every other method of it is here.
extension PostgresStore: ModerationActions, OutboxQueue, OutboxAdministration, AuditLog {}
