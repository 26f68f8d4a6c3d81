import TelegramBotDouble

/// The group and people the tests talk about.
enum Fixtures {
    static let group = TelegramUpdates.Chat(id: -1_001_234_567_890, title: "测试群")
    static let alice = TelegramUpdates.User(id: 42, firstName: "小李", username: "xiaoli")
    static let admin = TelegramUpdates.User(id: 7, firstName: "群主")

    static func text(_ id: Int64, _ text: String = "hi") -> String {
        TelegramUpdates.message(id: id, chat: group, from: alice, text: text)
    }
}
