import Foundation

/// The platform exports `qundeck import` reads. The raw values are the `--format` names.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Telegram Desktop "Export chat history" / "Export Telegram data" as JSON (`result.json`).
    case telegram
    /// WhatsApp "Export chat" without media: a `.txt`, or the `.zip` holding `_chat.txt`.
    case whatsapp
    /// DiscordChatExporter JSON.
    case discord
    /// Telegram Bot API `Update` objects: JSON Lines, a JSON array, or a saved getUpdates response.
    case telegramBot = "telegram-bot"

    /// The `Event.source` every event of this format carries (the idempotency key is (source, externalID)).
    public var eventSource: String {
        switch self {
        case .telegram: return "telegram-export"
        case .whatsapp: return "whatsapp"
        case .discord: return "discord"
        case .telegramBot: return "telegram-bot"
        }
    }

    /// A human name for messages ("… is not a Telegram Desktop export").
    public var displayName: String {
        switch self {
        case .telegram: return "Telegram Desktop export"
        case .whatsapp: return "WhatsApp chat export"
        case .discord: return "DiscordChatExporter JSON export"
        case .telegramBot: return "Telegram Bot API updates file"
        }
    }
}

/// How to read an all-numeric date such as `03/04/2024` (WhatsApp exports follow the phone's locale).
public enum DateOrder: String, CaseIterable, Sendable {
    /// day/month/year (most of the world).
    case dmy
    /// month/day/year (United States).
    case mdy
}
