import Foundation

/// What `qundeck import` was told on the command line.
public struct ImportOptions: Sendable {
    /// nil: detect the format from the file (see `ImportDetector`).
    public var format: ImportFormat?
    /// Put every event into this group instead of the one the export names.
    public var groupID: String?
    /// The zone of times written without an offset (WhatsApp, a Telegram `date` without `date_unixtime`).
    /// Also stored as the time zone of a group the store has not seen yet.
    public var timeZone: TimeZone?
    /// How to read WhatsApp dates; nil: infer it from the whole file.
    public var dateOrder: DateOrder?
    /// Also import one-to-one chats (Telegram personal chats, a bot's private chats). By default a full
    /// Telegram account export imports its groups only (its personal chats only when it has no group),
    /// and Bot API updates from private chats are skipped.
    public var includePrivateChats: Bool
    /// Events per call of the sink (one store transaction each).
    public var batchSize: Int

    public init(
        format: ImportFormat? = nil, groupID: String? = nil, timeZone: TimeZone? = nil, dateOrder: DateOrder? = nil,
        includePrivateChats: Bool = false, batchSize: Int = 20_000
    ) {
        self.format = format
        self.groupID = groupID
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.includePrivateChats = includePrivateChats
        self.batchSize = max(1, batchSize)
    }
}
