import Foundation
import QunCore
import QunStore

/// PostgreSQL rows → domain values that the shared decoders (`StoreDecoding`, the `init(stored:)` of queue items,
/// audit entries and outbox items, which both backends use) do not cover yet.
enum PostgresDecoding {
    static func ledgerEntry(_ row: PGRow) throws -> LedgerEntry {
        LedgerEntry(
            id: try row.int64("id"), campaignID: try row.string("campaign_id"), kind: LedgerKind(rawValue: try row.string("kind")) ?? .other,
            amount: Money(fen: try row.int64("amount_fen")), memberID: try row.optionalString("member_id"), groupID: try row.optionalString("group_id"),
            note: try row.optionalString("note"), recordedAt: try row.date("recorded_at"))
    }
}
