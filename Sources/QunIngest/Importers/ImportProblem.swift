/// One record of an export that could not be used. The import goes on without it.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the record is: `line 12` (WhatsApp, JSON Lines), `messages[41]` or `chats.list[2].messages[41]`
    /// (Telegram and Discord JSON), `update 9001` (Bot API).
    public var position: String
    /// Why, naming the field when one is at fault: `field "date_unixtime": "abc" is not unix seconds`.
    public var reason: String

    public init(position: String, reason: String) {
        self.position = position
        self.reason = reason
    }

    public var description: String { "\(position): \(reason)" }
}
