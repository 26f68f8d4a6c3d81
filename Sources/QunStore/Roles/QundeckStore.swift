import Foundation
import QunCore

/// Every operation the dashboard, the command line and the feed and connector processes perform on a store,
/// as the role protocols name them. A backend implements each role; nothing above the store names a backend's
/// own extras (SQLite's checkpoints, its bulk-load lock hand-over, its online backup).
public typealias QundeckStore = GroupDirectory & EventLog & PaneReads & MemberInsights & ModerationActions
    & CampaignRepository & OutboxAdministration & AuditLog & RuleStorage & ClassifierStorage & LeaseRegistry
    & OutboxQueue & ConnectorLedger & ChangeFeed & StoreDescription

/// Everything a connector process needs from a store.
public typealias ConnectorStore = OutboxQueue & ConnectorLedger
