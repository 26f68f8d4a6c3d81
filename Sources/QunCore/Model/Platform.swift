/// The chat platform a group lives on. Limits differ per platform (WeChat caps groups at 500,
/// WeCom QR joins stop at 200), so the UI shows them per group.
public enum Platform: String, Codable, Sendable, CaseIterable {
    case wechat, wecom, telegram, whatsapp, discord, other

    public var memberCap: Int? {
        switch self {
        case .wechat, .wecom: return 500
        case .whatsapp: return 1024
        case .telegram, .discord, .other: return nil
        }
    }
}
