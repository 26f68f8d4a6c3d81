import QunCore

/// What the confirm dialog says about a moderation action: its name, the question, and what happens.
enum ActionLabels {
    /// (name, what happens) in English and Chinese, in one table so the two cannot drift apart.
    private static func texts(_ action: ModerationAction) -> (verb: (String, String), consequence: (String, String)) {
        switch action {
        case .approve:
            return (("Approve", "通过"), ("join requests are let in; flagged messages are cleared as fine", "入群申请通过；被标记的消息视为正常，移出队列"))
        case .reject:
            return (("Reject", "拒绝"), ("join requests are turned down; flagged messages are removed from the group", "入群申请被拒；被标记的消息从群里删除"))
        case .warn:
            return (("Warn", "警告"), ("members are warned; warnings climb the ladder (2 → mute 1h, …)", "成员收到警告，按惩罚阶梯累计（2 次 → 禁言 1 小时…）"))
        case let .mute(seconds):
            let span = DurationText.format(seconds)
            return (("Mute " + span, "禁言 " + span), ("members cannot post for \(span)", "成员 \(span) 内不能发言"))
        case .kick:
            return (("Kick", "踢出"), ("members are removed from the group; they can be invited back", "成员被移出群，可再次邀请入群"))
        case .ban:
            return (("Ban", "拉黑"), ("members are removed from the group and cannot rejoin", "成员被移出群，且不能再加入"))
        case .banAsSpam:
            return (("Ban as spam", "拉黑并标为垃圾"), ("members are banned and the messages teach the spam classifier", "成员被拉黑，消息作为垃圾样本训练分类器"))
        case .delete:
            return (("Delete", "删除消息"), ("the messages are deleted on the platform", "消息在平台上被删除"))
        case .escalate:
            return (("Escalate", "上报"), ("handed to the owner; the items stay in the queue", "交给群主处理，留在队列中"))
        case .claim:
            return (("Claim", "认领"), ("assigned to you; the items stay in the queue", "由你认领，留在队列中"))
        }
    }

    static func verb(_ action: ModerationAction, _ language: Language) -> String {
        let (en, zh) = texts(action).verb
        return language == .zh ? zh : en
    }

    /// What the platform and the queue will see, in one line.
    static func consequence(_ action: ModerationAction, _ language: Language) -> String {
        let (en, zh) = texts(action).consequence
        return language == .zh ? zh : en
    }

    /// "Kick 2 items?" / "踢出 2 项？"
    static func question(_ action: ModerationAction, count: Int, _ language: Language) -> String {
        if language == .zh { return "\(verb(action, language)) \(count) 项？" }
        return "\(verb(action, language)) \(count) \(count == 1 ? "item" : "items")?"
    }

    /// Whether an action asks first: the ones a platform cannot take back by itself, and any action on
    /// several items at once.
    static func needsConfirmation(_ action: ModerationAction, count: Int) -> Bool {
        if count > 1 { return true }
        switch action {
        case .kick, .ban, .delete, .reject: return true
        default: return false
        }
    }
}
