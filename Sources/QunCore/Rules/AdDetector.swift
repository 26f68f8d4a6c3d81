/// What the ad rule found in a message.
struct AdFinding: Equatable {
    /// Folded indices of the evidence, first...last.
    var span: ClosedRange<Int>
    var reason: String
    var chineseReason: String
    var severity: Int
}

/// Contact solicitation and spam (广告), seen through the disguises `FoldedText` undoes.
///
/// Keywords alone flag too much ordinary chat (微信支付, 拉你进微信群, 请不要发广告, 警惕刷单诈骗),
/// so each finding needs a shape, not just a word:
/// - a contact verb before a channel: 加微信, +V, 加我薇信, 联系客服QQ;
/// - a channel followed by an id: 微信号 abc8888, QQ 123456, 扣扣：12345678;
/// - a spelling that exists only to dodge filters: 薇信, 徽信, v信, 企鹅号;
/// - a channel near a selling cue: 有需要的私聊, 货源充足 微信联系;
/// - a spam term with what makes it spam: 刷单, 躺赚, 兼职 + 日结/在家/宝妈, 返利 + 佣金;
/// - a mainland mobile number (1[3-9] + 9 digits, spaced, dashed, full-width, ①③⑧, 一三八…).
/// Talking about the rules or warning about scams (禁止加微信, 谨防刷单诈骗) is not an ad: words such
/// as 不要/禁止/请勿 just before a finding, or 诈骗/骗子/上当 anywhere, silence every finding
/// except a concrete id or phone number.
enum AdDetector {
    enum Channel: Sendable {
        case wechat, qq, telegram, privateChat

        var english: String {
            switch self {
            case .wechat: "WeChat"
            case .qq: "QQ"
            case .telegram: "Telegram"
            case .privateChat: "private-chat"
            }
        }

        var chinese: String {
            switch self {
            case .wechat: "微信"
            case .qq: "QQ"
            case .telegram: "飞机(Telegram)"
            case .privateChat: "私聊"
            }
        }
    }

    /// How much a channel word says on its own.
    enum Strength: Sendable {
        /// A spelling that only exists to dodge filters (薇信, v信, 企鹅号): enough alone.
        case evasive
        /// The plain word (微信, vx, QQ): needs a verb, an id or a selling cue.
        case contextual
        /// Also an everyday word (威信 prestige, 卫星 satellite, 企鹅 penguin): needs a verb or an id.
        case narrow
        /// A single letter or character (v, 微, q): only right after a contact verb (加v, +微).
        case afterVerbOnly
    }

    struct ChannelWord: Sendable {
        var channel: Channel
        var strength: Strength
    }

    enum Requirement: Sendable {
        case none
        /// Another word anywhere in the message.
        case anyOf([String])
        /// A number within this many characters after the term, or another word anywhere.
        case numberAfter(Int, orAnyOf: [String])
    }

    struct SpamTerm: Sendable {
        var severity: Int
        var reason: String
        var chineseReason: String
        var requires: Requirement
    }

    // MARK: vocabulary

    static let channels = KeywordTable<ChannelWord>(
        [
            ("薇信", .init(channel: .wechat, strength: .evasive)), ("徽信", .init(channel: .wechat, strength: .evasive)),
            ("嶶信", .init(channel: .wechat, strength: .evasive)), ("威芯", .init(channel: .wechat, strength: .evasive)),
            ("薇芯", .init(channel: .wechat, strength: .evasive)), ("危信", .init(channel: .wechat, strength: .evasive)),
            ("卫信", .init(channel: .wechat, strength: .evasive)), ("胃信", .init(channel: .wechat, strength: .evasive)),
            ("喂信", .init(channel: .wechat, strength: .evasive)), ("维芯", .init(channel: .wechat, strength: .evasive)),
            ("v信", .init(channel: .wechat, strength: .evasive)), ("v芯", .init(channel: .wechat, strength: .evasive)),
            ("w信", .init(channel: .wechat, strength: .evasive)), ("wei信", .init(channel: .wechat, strength: .evasive)),
            ("微xin", .init(channel: .wechat, strength: .evasive)), ("vx号", .init(channel: .wechat, strength: .evasive)),
            ("绿泡泡", .init(channel: .wechat, strength: .evasive)), ("微信号", .init(channel: .wechat, strength: .contextual)),
            ("微信", .init(channel: .wechat, strength: .contextual)), ("weixin", .init(channel: .wechat, strength: .contextual)),
            ("wechat", .init(channel: .wechat, strength: .contextual)), ("vx", .init(channel: .wechat, strength: .contextual)),
            ("wx", .init(channel: .wechat, strength: .contextual)), ("微号", .init(channel: .wechat, strength: .contextual)),
            ("威信", .init(channel: .wechat, strength: .narrow)), ("卫星", .init(channel: .wechat, strength: .narrow)),
            ("维信", .init(channel: .wechat, strength: .narrow)), ("v", .init(channel: .wechat, strength: .afterVerbOnly)),
            ("微", .init(channel: .wechat, strength: .afterVerbOnly)), ("薇", .init(channel: .wechat, strength: .afterVerbOnly)),
            ("威", .init(channel: .wechat, strength: .afterVerbOnly)), ("徽", .init(channel: .wechat, strength: .afterVerbOnly)),
            ("企鹅号", .init(channel: .qq, strength: .evasive)), ("扣扣号", .init(channel: .qq, strength: .evasive)),
            ("抠抠", .init(channel: .qq, strength: .evasive)), ("蔻蔻", .init(channel: .qq, strength: .evasive)),
            ("qq号", .init(channel: .qq, strength: .contextual)), ("qq", .init(channel: .qq, strength: .contextual)),
            ("扣扣", .init(channel: .qq, strength: .contextual)), ("企鹅", .init(channel: .qq, strength: .narrow)),
            ("q", .init(channel: .qq, strength: .afterVerbOnly)), ("扣", .init(channel: .qq, strength: .afterVerbOnly)),
            ("飞机号", .init(channel: .telegram, strength: .evasive)), ("纸飞机", .init(channel: .telegram, strength: .contextual)),
            ("telegram", .init(channel: .telegram, strength: .contextual)), ("电报", .init(channel: .telegram, strength: .narrow)),
            ("tg", .init(channel: .telegram, strength: .narrow)), ("飞机", .init(channel: .telegram, strength: .narrow)),
            ("私聊", .init(channel: .privateChat, strength: .contextual)), ("私信", .init(channel: .privateChat, strength: .contextual)),
            ("私我", .init(channel: .privateChat, strength: .contextual)), ("私戳", .init(channel: .privateChat, strength: .contextual)),
            ("滴滴我", .init(channel: .privateChat, strength: .contextual)), ("戳我", .init(channel: .privateChat, strength: .contextual)),
        ])

    static let verbs = KeywordTable<Void>(
        ["加", "+", "添加", "联系", "找", "咨询", "滴滴", "私", "戳", "速加", "快加", "add", "contact", "dm"].map { ($0, ()) })

    /// Words that may sit between a verb and a channel: 加我微信, 加个V, 联系客服QQ, add me on WeChat.
    static let fillers = KeywordTable<Void>(
        [
            "我", "个", "下", "一下", "本人", "好友", "的", "客服", "小编", "老师", "私人", "一个", "朋友", "群主", "店主", "老板",
            "主播", "姐妹", "宝", "亲", "小姐姐", "助理", "助手", "官方", "我们", "上", "me", "on", "my", "our",
        ].map { ($0, ()) })

    /// What may follow 加我 / 联系我 and still end the phrase: 加我好友, 联系我一下.
    static let meTails = KeywordTable<Void>(["好友", "一下", "吧", "哦", "呀"].map { ($0, ()) })

    /// After a channel word these make it the app, not a contact: 微信支付, 拉你进微信群, qq音乐.
    static let appFeatures = KeywordTable<Void>(
        [
            "支付", "付款", "收款", "转账", "红包", "零钱", "钱包", "提现", "群", "小程序", "公众号", "视频号", "运动", "步数", "视频",
            "语音", "通话", "朋友圈", "名", "昵称", "版本", "更新", "登录", "扫一扫", "扫码", "扫", "聊天记录", "记录", "音乐", "邮箱",
            "空间", "飞车", "浏览器", "糖", "星", "堂", "农场", "秀", "会员", "游戏", "输入法", "文件", "截图", "账单", "商城", "卡",
            "余额", "好友申请", "验证", "拍一拍", "表情", "动态", "直播",
        ].map { ($0, ()) })

    /// After a channel word these make it a conversation about the app (微信上说, 微信里发你):
    /// enough to silence a selling cue, not a contact verb (加我微信上聊 is still an ad).
    static let chatting = KeywordTable<Void>(["上", "里", "发", "给", "说", "问", "回", "聊天", "聊过"].map { ($0, ()) })

    /// Selling cues that turn a channel mention into an ad: 有需要的私聊, 货源充足 微信联系.
    static let cues = KeywordTable<Void>(
        [
            "需要的", "有需要", "需要请", "有意", "感兴趣", "详聊", "详谈", "详询", "咨询", "了解一下", "速加", "秒回", "秒通过", "备注",
            "领取", "免费", "优惠", "特价", "折扣", "代购", "货源", "一手", "批发", "出售", "出货", "低价", "回收", "办理", "代办",
            "招聘", "招人", "兼职", "赚", "收益", "佣金", "返利", "合作", "进货", "名额", "引流", "推广", "涨粉", "加盟", "代理",
            "价格美丽", "包邮", "正品", "工厂", "厂家", "接单", "定制",
        ].map { ($0, ()) })

    /// Just before a finding, these make it a rule or a refusal: 请不要加微信, 禁止私加, 谢绝广告.
    static let negations = KeywordTable<Void>(
        [
            "不要", "不准", "不许", "不得", "不能", "不可", "禁止", "严禁", "请勿", "切勿", "勿", "谢绝", "拒绝", "杜绝", "别加", "别私",
            "别信", "别理", "别去", "别点", "别扫", "别乱", "不接受", "防止", "不私", "no", "don't", "dont", "never",
        ].map { ($0, ()) })

    /// Anywhere in a message, these make it a warning about spam rather than spam.
    static let warnings = KeywordTable<Void>(
        [
            "诈骗", "骗子", "骗局", "上当", "被骗", "防骗", "反诈", "举报", "谨防", "警惕", "小心", "冒充", "虚假", "是假的", "别信",
            "不要信", "陷阱", "scam",
            // Talking about spam that was posted: "上次那个发刷单广告的已经踢了".
            "发广告", "的广告", "广告的", "踢了", "踢出", "已踢", "被踢", "移出",
        ].map { ($0, ()) })

    static let spamTerms = KeywordTable<SpamTerm>(
        [
            // QR-code bait: the contact is in the picture, so the text carries no id at all.
            ("扫码进群", .init(severity: 4, reason: "QR-code bait to join a group (扫码进群)", chineseReason: "扫码进群引流", requires: .none)),
            ("扫码入群", .init(severity: 4, reason: "QR-code bait to join a group (扫码入群)", chineseReason: "扫码进群引流", requires: .none)),
            ("扫码加群", .init(severity: 4, reason: "QR-code bait to join a group (扫码加群)", chineseReason: "扫码进群引流", requires: .none)),
            ("扫码加我", .init(severity: 4, reason: "QR-code bait to add a contact (扫码加我)", chineseReason: "扫码加好友引流", requires: .none)),
            ("扫码进", .init(severity: 3, reason: "QR-code bait (扫码进…)", chineseReason: "扫码引流", requires: .anyOf(["群", "福利", "新群"]))),
            ("扫码领", .init(severity: 3, reason: "QR-code bait with a giveaway (扫码领…)", chineseReason: "扫码领取引流", requires: .none)),
            ("扫码免费领", .init(severity: 3, reason: "QR-code bait with a giveaway (扫码免费领)", chineseReason: "扫码领取引流", requires: .none)),
            ("扫码有惊喜", .init(severity: 3, reason: "QR-code bait (扫码有惊喜)", chineseReason: "扫码引流", requires: .none)),
            ("识别二维码", .init(severity: 3, reason: "QR-code bait (识别二维码)", chineseReason: "二维码引流",
                requires: .anyOf(["进群", "加群", "入群", "领", "福利", "客服", "好友", "添加", "加我"]))),
            ("扫描二维码", .init(severity: 3, reason: "QR-code bait (扫描二维码)", chineseReason: "二维码引流",
                requires: .anyOf(["进群", "加群", "入群", "领", "福利", "客服", "好友", "添加", "加我"]))),
            ("内部优惠券", .init(severity: 3, reason: "coupon bait (内部优惠券)", chineseReason: "内部优惠券引流", requires: .none)),
            ("内部券", .init(severity: 3, reason: "coupon bait (内部券)", chineseReason: "内部优惠券引流", requires: .none)),
            ("隐藏优惠券", .init(severity: 3, reason: "coupon bait (隐藏优惠券)", chineseReason: "隐藏优惠券引流", requires: .none)),
            ("隐藏券", .init(severity: 3, reason: "coupon bait (隐藏券)", chineseReason: "隐藏优惠券引流", requires: .none)),
            ("优惠券群", .init(severity: 3, reason: "coupon-group bait (优惠券群)", chineseReason: "优惠券群引流", requires: .none)),
            ("刷单", .init(severity: 5, reason: "order-brushing scam (刷单)", chineseReason: "刷单诈骗", requires: .none)),
            ("刷信誉", .init(severity: 5, reason: "order-brushing scam (刷信誉)", chineseReason: "刷单诈骗", requires: .none)),
            ("跑分", .init(severity: 5, reason: "money-laundering job bait (跑分)", chineseReason: "跑分洗钱", requires: .none)),
            ("躺赚", .init(severity: 4, reason: "easy-money bait (躺赚)", chineseReason: "躺赚引流", requires: .none)),
            ("网赚", .init(severity: 4, reason: "online money-making bait (网赚)", chineseReason: "网赚引流", requires: .none)),
            ("稳赚", .init(severity: 4, reason: "guaranteed-profit bait (稳赚)", chineseReason: "稳赚引流", requires: .none)),
            ("日赚", .init(severity: 4, reason: "daily-earnings bait (日赚)", chineseReason: "日赚引流", requires: .none)),
            ("日入", .init(severity: 4, reason: "daily-earnings bait (日入)", chineseReason: "日入引流",
                requires: .numberAfter(2, orAnyOf: ["过千", "过万", "几百", "上千"]))),
            ("月入", .init(severity: 4, reason: "monthly-earnings bait (月入)", chineseReason: "月入引流",
                requires: .anyOf(["过万", "轻松", "在家", "兼职", "躺", "宝妈", "副业", "加我", "私聊", "手机"]))),
            ("兼职", .init(severity: 3, reason: "part-time-job bait (兼职)", chineseReason: "兼职引流",
                requires: .anyOf(jobCues))),
            ("日结", .init(severity: 3, reason: "daily-pay job bait (日结)", chineseReason: "日结引流",
                requires: .numberAfter(2, orAnyOf: ["兼职", "招聘", "急招", "诚招", "招人", "招工", "工资", "薪", "日赚", "急聘", "一单", "每单", "佣金"]))),
            ("招代理", .init(severity: 4, reason: "agent recruitment (招代理)", chineseReason: "招代理", requires: .none)),
            ("代理加盟", .init(severity: 4, reason: "agent recruitment (代理加盟)", chineseReason: "招代理", requires: .none)),
            ("招募代理", .init(severity: 4, reason: "agent recruitment (招募代理)", chineseReason: "招代理", requires: .none)),
            ("招收代理", .init(severity: 4, reason: "agent recruitment (招收代理)", chineseReason: "招代理", requires: .none)),
            ("代理", .init(severity: 3, reason: "agent recruitment (代理)", chineseReason: "招代理",
                requires: .anyOf(["招募", "诚招", "招收", "火热招", "招商", "零门槛", "0门槛", "无需囤货", "一件代发", "躺赚", "月入", "日入", "佣金", "收益", "无门槛", "免费加盟", "拿货"]))),
            ("无需囤货", .init(severity: 4, reason: "dropshipping-agent recruitment (无需囤货)", chineseReason: "招代理", requires: .none)),
            ("一件代发", .init(severity: 3, reason: "dropshipping-agent recruitment (一件代发)", chineseReason: "招代理", requires: .none)),
            ("零门槛", .init(severity: 3, reason: "zero-barrier job or agent bait (零门槛)", chineseReason: "零门槛引流",
                requires: .anyOf(["代理", "兼职", "赚", "加盟", "创业", "收益", "月入", "日入"]))),
            ("返利", .init(severity: 4, reason: "rebate scam (返利)", chineseReason: "返利诈骗",
                requires: .anyOf(["刷单", "佣金", "高额", "点赞", "%", "秒返", "立返", "垫付", "任务", "百分之", "扣扣", "qq", "加我", "私聊"]))),
            ("高佣", .init(severity: 4, reason: "high-commission bait (高佣)", chineseReason: "高佣引流", requires: .none)),
            ("佣金", .init(severity: 3, reason: "commission bait (佣金)", chineseReason: "佣金引流",
                requires: .anyOf(["日结", "兼职", "做任务", "点赞", "刷单", "立返", "秒结", "提现", "垫付", "手机就能"]))),
            ("刷赞", .init(severity: 4, reason: "fake-engagement job (刷赞)", chineseReason: "刷赞兼职", requires: .none)),
            ("刷粉", .init(severity: 4, reason: "fake-follower service (刷粉)", chineseReason: "刷粉引流", requires: .none)),
            ("刷好评", .init(severity: 4, reason: "fake-review job (刷好评)", chineseReason: "刷好评兼职", requires: .none)),
            ("刷量", .init(severity: 4, reason: "fake-traffic service (刷量)", chineseReason: "刷量引流", requires: .none)),
            ("点赞员", .init(severity: 4, reason: "like-for-pay job bait (点赞员)", chineseReason: "点赞兼职诈骗", requires: .none)),
            ("打字员", .init(severity: 4, reason: "typist job bait (打字员)", chineseReason: "打字员兼职诈骗", requires: .none)),
            ("手工活", .init(severity: 3, reason: "piecework-at-home bait (手工活)", chineseReason: "手工活引流",
                requires: .anyOf(["在家", "外发", "日结", "兼职", "赚", "押金"]))),
            ("做任务", .init(severity: 3, reason: "task-for-pay scam (做任务)", chineseReason: "做任务诈骗",
                requires: .anyOf(["佣金", "日结", "返", "赚", "提现", "垫付"]))),
            ("垫付", .init(severity: 4, reason: "advance-payment scam (垫付)", chineseReason: "垫付诈骗",
                requires: .anyOf(["返", "佣金", "任务", "刷"]))),
            ("宝妈", .init(severity: 3, reason: "stay-at-home-mum job bait (宝妈)", chineseReason: "宝妈兼职引流",
                requires: .anyOf(["兼职", "在家", "副业", "赚", "日结", "带娃也能", "手机"]))),
            ("副业", .init(severity: 3, reason: "side-hustle bait (副业)", chineseReason: "副业引流",
                requires: .anyOf(["赚", "月入", "日入", "收益", "躺", "兼职", "带你", "零成本"]))),
            ("在家赚", .init(severity: 4, reason: "earn-at-home bait (在家赚钱)", chineseReason: "在家赚钱引流", requires: .none)),
            ("在家就能赚", .init(severity: 4, reason: "earn-at-home bait (在家赚钱)", chineseReason: "在家赚钱引流", requires: .none)),
            ("手机就能赚", .init(severity: 4, reason: "earn-on-your-phone bait", chineseReason: "手机赚钱引流", requires: .none)),
            ("带单", .init(severity: 4, reason: "investment-signal scam (带单)", chineseReason: "带单诈骗",
                requires: .anyOf(["收益", "老师", "盈利", "翻倍", "稳", "股", "币", "期货", "外汇"]))),
            ("荐股", .init(severity: 4, reason: "stock-tip scam (荐股)", chineseReason: "荐股诈骗", requires: .none)),
            ("牛股", .init(severity: 3, reason: "stock-tip scam (牛股)", chineseReason: "荐股诈骗",
                requires: .anyOf(["推荐", "内幕", "加", "私", "群", "免费"]))),
            ("内幕消息", .init(severity: 3, reason: "insider-tip scam (内幕消息)", chineseReason: "内幕消息诈骗",
                requires: .anyOf(["股", "币", "涨停", "翻倍"]))),
            ("虚拟币", .init(severity: 3, reason: "crypto-investment bait (虚拟币)", chineseReason: "虚拟币引流",
                requires: .anyOf(["收益", "带", "稳", "翻倍", "投资", "加"]))),
            ("usdt", .init(severity: 3, reason: "crypto exchange offer (USDT)", chineseReason: "USDT 交易引流",
                requires: .anyOf(["收", "出", "兑", "换", "跑分", "汇率"]))),
            ("博彩", .init(severity: 5, reason: "gambling (博彩)", chineseReason: "博彩", requires: .none)),
            ("百家乐", .init(severity: 5, reason: "gambling (百家乐)", chineseReason: "博彩", requires: .none)),
            ("时时彩", .init(severity: 5, reason: "gambling (时时彩)", chineseReason: "博彩", requires: .none)),
            ("六合彩", .init(severity: 4, reason: "gambling (六合彩)", chineseReason: "博彩", requires: .none)),
            ("娱乐城", .init(severity: 5, reason: "gambling site (娱乐城)", chineseReason: "博彩", requires: .none)),
            ("彩金", .init(severity: 4, reason: "gambling bonus (彩金)", chineseReason: "博彩", requires: .none)),
            ("菠菜", .init(severity: 5, reason: "gambling, spelled 菠菜 (博彩)", chineseReason: "博彩（菠菜谐音）",
                requires: .anyOf(["平台", "网站", "注册", "充值", "上分", "下分", "彩金", "返水", "担保", "信誉", "出款"]))),
            ("上分", .init(severity: 4, reason: "gambling credit (上分)", chineseReason: "博彩上分",
                requires: .anyOf(["下分", "彩", "平台", "充值", "秒到", "出款"]))),
            ("返水", .init(severity: 4, reason: "gambling rebate (返水)", chineseReason: "博彩返水",
                requires: .anyOf(["彩", "平台", "注册", "充值", "菠菜", "博彩", "首充", "出款"]))),
            ("棋牌", .init(severity: 3, reason: "gambling app (棋牌)", chineseReason: "棋牌赌博",
                requires: .anyOf(["平台", "充值", "上分", "下分", "提现", "app", "下载"]))),
            ("套现", .init(severity: 4, reason: "credit-card cash-out (套现)", chineseReason: "信用卡套现", requires: .none)),
            ("代还", .init(severity: 4, reason: "credit-card repayment service (代还)", chineseReason: "信用卡代还",
                requires: .anyOf(["信用卡", "花呗", "网贷", "白条"]))),
            ("秒批", .init(severity: 4, reason: "loan bait (秒批)", chineseReason: "贷款引流", requires: .none)),
            ("秒下款", .init(severity: 4, reason: "loan bait (秒下款)", chineseReason: "贷款引流", requires: .none)),
            ("下款", .init(severity: 3, reason: "loan bait (下款)", chineseReason: "贷款引流",
                requires: .anyOf(["秒", "快", "无视", "黑户", "征信", "当天", "包过", "额度"]))),
            ("无视征信", .init(severity: 4, reason: "loan bait (无视征信)", chineseReason: "贷款引流", requires: .none)),
            ("黑户", .init(severity: 3, reason: "loan bait (黑户可贷)", chineseReason: "贷款引流",
                requires: .anyOf(["贷", "下款", "可做", "可办", "口子"]))),
            ("网贷", .init(severity: 3, reason: "loan bait (网贷)", chineseReason: "贷款引流",
                requires: .anyOf(["办理", "秒", "下款", "无视", "黑户", "口子", "包过", "额度"]))),
            ("代开", .init(severity: 4, reason: "fake invoices (代开发票)", chineseReason: "代开发票",
                requires: .anyOf(["发票", "票据", "增值税", "专票", "普票"]))),
            ("办证", .init(severity: 4, reason: "fake certificates (办证)", chineseReason: "办假证",
                requires: .anyOf(["各类", "包过", "加急", "代办", "毕业", "学历", "可查", "一条龙"]))),
            ("各类证件", .init(severity: 4, reason: "fake certificates (各类证件)", chineseReason: "办假证", requires: .none)),
            ("证件", .init(severity: 4, reason: "fake certificates (证件)", chineseReason: "办假证",
                requires: .anyOf(["包过", "可查", "全套", "加急办"]))),
            ("假证", .init(severity: 4, reason: "fake certificates (假证)", chineseReason: "办假证", requires: .none)),
            ("裸聊", .init(severity: 5, reason: "sex solicitation (裸聊)", chineseReason: "色情引流", requires: .none)),
            ("约炮", .init(severity: 5, reason: "sex solicitation (约炮)", chineseReason: "色情引流", requires: .none)),
            ("一夜情", .init(severity: 5, reason: "sex solicitation (一夜情)", chineseReason: "色情引流", requires: .none)),
            ("援交", .init(severity: 5, reason: "sex solicitation (援交)", chineseReason: "色情引流", requires: .none)),
            ("特殊服务", .init(severity: 4, reason: "sex solicitation (特殊服务)", chineseReason: "色情引流", requires: .none)),
            ("同城约", .init(severity: 4, reason: "sex solicitation (同城约)", chineseReason: "色情引流",
                requires: .anyOf(["见面", "加", "私", "上门", "美女", "妹", "寂寞"]))),
            ("上门服务", .init(severity: 3, reason: "sex solicitation (上门服务)", chineseReason: "色情引流",
                requires: .anyOf(["美女", "妹", "私密", "全套", "按摩", "寂寞", "学生"]))),
            ("私聊领取", .init(severity: 3, reason: "giveaway bait that lures to a private chat", chineseReason: "私聊领取引流", requires: .none)),
            ("私信领取", .init(severity: 3, reason: "giveaway bait that lures to a private chat", chineseReason: "私聊领取引流", requires: .none)),
            ("广告位", .init(severity: 3, reason: "selling ad space (广告位)", chineseReason: "出售广告位",
                requires: .anyOf(["招租", "出租", "招商", "合作", "出售", "价格"]))),
            ("加粉", .init(severity: 4, reason: "follower-growth service (加粉)", chineseReason: "加粉引流", requires: .none)),
            ("精准粉", .init(severity: 4, reason: "follower-growth service (精准粉)", chineseReason: "加粉引流", requires: .none)),
            ("引流", .init(severity: 3, reason: "traffic-growth service (引流)", chineseReason: "引流推广",
                requires: .anyOf(["精准", "粉", "客源", "推广", "软件", "日加"]))),
        ])

    static let jobCues = [
        "日结", "招聘", "招人", "急招", "诚招", "招募", "招收", "招工", "在家", "宝妈", "手机", "轻松", "时间自由", "日赚", "日入",
        "月入", "佣金", "一单", "每单", "结算", "点赞", "打字", "无需", "零门槛", "学生党", "名额", "私聊", "私信", "加我", "微信",
        "vx", "躺赚", "收益", "工资", "薪", "元/天", "兼职群", "可做", "多劳多得", "押金",
    ]

    /// Before a number these make it an order, parcel or account number, not a phone.
    static let numberContexts = KeywordTable<Void>(
        [
            "订单", "单号", "快递", "运单", "物流", "取件", "编号", "工号", "卡号", "账号", "身份证", "流水", "发票", "票号", "车次",
            "航班", "批次", "序列号", "型号", "order", "no", "tracking", "id", "sn",
        ].map { ($0, ()) })

    // MARK: finding

    /// The most severe finding (the earliest, then the longest, among equals), or nil when the message is not an ad.
    static func find(in text: FoldedText, links: [DetectedLink] = [], checkPhoneNumbers: Bool = true) -> AdFinding? {
        guard !text.core.isEmpty else { return nil }
        var findings: [AdFinding] = []
        let channelMatches = channels.matches(in: text)
        let spamMatches = spamTerms.matches(in: text)
        let mayHaveNumber = checkPhoneNumbers && text.core.count >= 11

        let negationEnds = Set(negations.matches(in: text).map(\.core.upperBound))
        let isWarning = !warnings.matches(in: text).isEmpty
        func isNegated(_ start: Int) -> Bool {
            (max(0, start - 5)...start).contains { negationEnds.contains($0) }
        }

        let verbMatches = verbs.matches(in: text).filter { !isInsideWord($0, in: text) }
        if !channelMatches.isEmpty || !verbMatches.isEmpty {
            findings += contactFindings(channelMatches, verbs: verbMatches, in: text, isWarning: isWarning, isNegated: isNegated)
        }
        if !spamMatches.isEmpty, !isWarning {
            let squeezed = text.coreString
            let lowered = text.lowerString
            for match in spamMatches where !isNegated(match.core.lowerBound) {
                let term = match.payload
                guard satisfies(term.requires, after: match.core.upperBound, in: text, squeezed: squeezed, lowered: lowered) else {
                    continue
                }
                findings.append(AdFinding(
                    span: span(core: match.core, in: text), reason: term.reason, chineseReason: term.chineseReason,
                    severity: term.severity))
            }
        }
        if mayHaveNumber {
            for number in mobileNumbers(in: text, links: links) {
                findings.append(AdFinding(
                    span: number, reason: "offers a phone number for contact", chineseReason: "留手机号招揽", severity: 3))
            }
        }
        // Most severe; among equals the earliest, then the longest (私聊领取 over 私聊).
        return findings.max { a, b in
            if a.severity != b.severity { return a.severity < b.severity }
            if a.span.lowerBound != b.span.lowerBound { return a.span.lowerBound > b.span.lowerBound }
            return a.span.count < b.span.count
        }
    }

    private static func contactFindings(
        _ channelMatches: [KeywordTable<ChannelWord>.Match], verbs verbMatches: [KeywordTable<Void>.Match], in text: FoldedText,
        isWarning: Bool, isNegated: (Int) -> Bool
    ) -> [AdFinding] {
        var findings: [AdFinding] = []
        var channelAt: [Int: KeywordTable<ChannelWord>.Match] = [:]
        for match in channelMatches where !isSplitWord(match, in: text) { channelAt[match.core.lowerBound] = match }
        let cueStarts = cues.matches(in: text).map(\.core.lowerBound)
        func cueNear(_ position: Int) -> Bool { cueStarts.contains { abs($0 - position) <= 12 } }

        // "有需要的加我。" "感兴趣的联系我": a contact verb aimed at the sender, near a selling cue, ending the
        // phrase (加我一份 is a group-buy order, not a contact).
        if !isWarning {
            for verb in verbMatches where verb.keyword != "+" && !isNegated(verb.core.lowerBound) {
                let me = verb.core.upperBound
                guard me < text.core.count, text.core[me] == "我", cueNear(verb.core.lowerBound) else { continue }
                var phraseEnd = me
                if let tail = meTails.longestMatch(at: me + 1, in: text) { phraseEnd = tail.core.upperBound - 1 }
                let after = text.coreToFolded[phraseEnd] + 1
                guard after >= text.lower.count || !FoldedText.isCore(text.lower[after]) else { continue }
                findings.append(AdFinding(
                    span: text.coreToFolded[verb.core.lowerBound]...text.coreToFolded[phraseEnd],
                    reason: "asks members to contact the sender privately for business", chineseReason: "招揽私下联系", severity: 3))
            }
        }
        guard !channelAt.isEmpty else { return findings }

        // A contact verb, optional fillers, a channel: 加微信, 加我V, +vx, 联系客服QQ.
        for verb in verbMatches {
            var q = verb.core.upperBound
            var skipped = 0
            while skipped < 3, q < text.core.count, let filler = fillers.longestMatch(at: q, in: text), channelAt[q] == nil {
                q = filler.core.upperBound
                skipped += 1
            }
            guard let channel = channelAt[q], channel.payload.channel != .privateChat else { continue }
            if channel.payload.strength == .afterVerbOnly, !standsAloneAfterVerb(channel, in: text) { continue }
            let id = contactID(after: channel, in: text)
            if id == nil, suffix(appFeatures, after: channel, in: text) != nil { continue }
            if id == nil, isWarning || isNegated(verb.core.lowerBound) { continue }
            let first = text.coreToFolded[verb.core.lowerBound]
            let last = id?.upperBound ?? text.coreToFolded[channel.core.upperBound - 1]
            findings.append(AdFinding(
                span: first...last, reason: "asks members to add a \(channel.payload.channel.english) contact",
                chineseReason: "招揽添加\(channel.payload.channel.chinese)", severity: 4))
        }

        for channel in channelAt.values.sorted(by: { $0.core.lowerBound < $1.core.lowerBound }) {
            let word = channel.payload
            if word.strength == .afterVerbOnly {
                // "V：lucky123", "V❤：abc888", "Q: 12345678": a lone letter labelling an id.
                if channel.keyword.unicodeScalars.allSatisfy(\.isASCII), hasColon(after: channel, in: text),
                    let id = contactID(after: channel, in: text)
                {
                    findings.append(AdFinding(
                        span: text.coreToFolded[channel.core.lowerBound]...id.upperBound,
                        reason: "offers a \(word.channel.english) id", chineseReason: "留\(word.channel.chinese)号招揽", severity: 4))
                }
                continue
            }
            let featureFollows = suffix(appFeatures, after: channel, in: text)
            // A channel followed by an id: 微信号 abc8888, QQ 123456, 薇信 hy2025.
            // QQ群 123456789 offers a group number just as much as an account.
            if word.channel != .privateChat, let id = contactID(after: channel, in: text), featureFollows.map({ $0.keyword == "群" }) ?? true {
                findings.append(AdFinding(
                    span: text.coreToFolded[channel.core.lowerBound]...id.upperBound,
                    reason: "offers a \(word.channel.english) id", chineseReason: "留\(word.channel.chinese)号招揽", severity: 4))
                continue
            }
            if featureFollows != nil || isWarning || isNegated(channel.core.lowerBound) { continue }
            if word.strength == .evasive {
                findings.append(AdFinding(
                    span: span(core: channel.core, in: text),
                    reason: "'\(channel.keyword)' stands in for \(word.channel.chinese) to dodge filters",
                    chineseReason: "用“\(channel.keyword)”代替“\(word.channel.chinese)”躲避过滤", severity: 4))
                continue
            }
            // A channel near a selling cue: 有需要的私聊, 货源充足 微信联系.
            if word.strength == .contextual, suffix(chatting, after: channel, in: text) == nil, cueNear(channel.core.lowerBound) {
                findings.append(AdFinding(
                    span: span(core: channel.core, in: text),
                    reason: "offers a \(word.channel.english) contact for business",
                    chineseReason: "以\(word.channel.chinese)招揽生意", severity: 3))
            }
        }
        return findings
    }

    // MARK: helpers

    private static func span(core: Range<Int>, in text: FoldedText) -> ClosedRange<Int> {
        text.coreToFolded[core.lowerBound]...text.coreToFolded[core.upperBound - 1]
    }

    /// A colon between a channel word and what follows ("V：", "Q: "), emoji and spaces allowed.
    private static func hasColon(after channel: KeywordTable<ChannelWord>.Match, in text: FoldedText) -> Bool {
        var k = text.coreToFolded[channel.core.upperBound - 1] + 1
        while k < text.lower.count, !FoldedText.isCore(text.lower[k]) {
            if text.lower[k] == ":" { return true }
            k += 1
        }
        return false
    }

    /// A word glued right after a channel word (微信支付, not 微信，名额有限).
    private static func suffix(
        _ table: KeywordTable<Void>, after channel: KeywordTable<ChannelWord>.Match, in text: FoldedText
    ) -> KeywordTable<Void>.Match? {
        let next = channel.core.upperBound
        guard next < text.core.count, text.coreToFolded[next] == text.coreToFolded[next - 1] + 1 else { return nil }
        return table.longestMatch(at: next, in: text)
    }

    /// 参加, 增加, 更加: 加 as part of another word is no contact verb (参加微信群活动).
    private static func isInsideWord(_ verb: KeywordTable<Void>.Match, in text: FoldedText) -> Bool {
        guard verb.keyword == "加", verb.core.lowerBound > 0 else { return false }
        let previous = text.core[verb.core.lowerBound - 1]
        let gap = text.coreToFolded[verb.core.lowerBound] - text.coreToFolded[verb.core.lowerBound - 1] - 1
        return gap == 0 && "参增更追外附叠施强倍添".unicodeScalars.contains(previous)
    }

    /// "安徽信用社", "权威信息", "卫星电视" hold 徽信 / 威信 / 卫星 across a word boundary.
    private static func isSplitWord(_ match: KeywordTable<ChannelWord>.Match, in text: FoldedText) -> Bool {
        let core = text.core
        let first = core[match.core.lowerBound]
        let last = core[match.core.upperBound - 1]
        if match.core.upperBound < core.count, "信星芯".unicodeScalars.contains(last), wordStartsAfter.contains(core[match.core.upperBound]) {
            return true
        }
        if match.core.lowerBound > 0, FoldedText.isHan(first) {
            let pair = String(String.UnicodeScalarView([core[match.core.lowerBound - 1], first]))
            if wordsEndingInChannelStart.contains(pair) { return true }
        }
        return false
    }

    /// 信/星 followed by these starts another word: 信息, 信用, 信誉, 星期…
    private static let wordStartsAfter: Set<Unicode.Scalar> = [
        "息", "用", "誉", "托", "贷", "箱", "任", "心", "念", "仰", "赖", "服", "件", "封", "访", "徒", "条", "函", "使", "鸽", "度", "期",
        "座", "球", "空", "光", "级", "辰", "片",
    ]

    /// Two-character words whose second character begins a channel word: 安徽 (徽信), 蔷薇 (薇信), 权威 (威信)…
    private static let wordsEndingInChannelStart: Set<String> = [
        "安徽", "国徽", "蔷薇", "紫薇", "权威", "声威", "国威", "军威", "示威", "扬威", "助威", "发威", "保卫", "防卫", "护卫", "自卫",
        "门卫", "后卫", "前卫", "捍卫", "守卫", "警卫", "侍卫", "思维", "恭维", "纤维", "稍微", "略微", "细微", "轻微", "微微",
    ]

    /// 加v, +微 count only when the letter is not the start of another word (加vip, 加微博).
    private static func standsAloneAfterVerb(_ channel: KeywordTable<ChannelWord>.Match, in text: FoldedText) -> Bool {
        let next = channel.core.upperBound
        guard next < text.core.count, FoldedText.isHan(text.core[next - 1]) else { return true }
        let following = text.core[next]
        if !FoldedText.isHan(following) { return true }
        // Directly glued Han after a single character usually makes a word (微博, 威风); after a gap it does not.
        let gap = text.coreToFolded[next] - text.coreToFolded[next - 1] - 1
        return gap > 0 || "我领详聊咨联".unicodeScalars.contains(following)
    }

    private static let idFillers: Set<Unicode.Scalar> = ["号", "码", "是", "为", "账", "户", "群", "名", "搜", "加"]

    /// A contact id right after a channel word: "微信号：abc8888", "QQ 123456", "vx shop_888", "扣扣 1 2 3 4 5 6".
    /// Returns the folded indices of the id.
    static func contactID(after channel: KeywordTable<ChannelWord>.Match, in text: FoldedText) -> ClosedRange<Int>? {
        let s = text.lower
        var k = text.coreToFolded[channel.core.upperBound - 1] + 1
        var explicit = channel.keyword.hasSuffix("号")
        var steps = 0
        while k < s.count, steps < 8 {
            let c = s[k]
            if c == "\n" { return nil }
            if c == ":" || c == "=" {
                explicit = true
            } else if FoldedText.isCore(c) && c != "+" {
                if idFillers.contains(c) {
                    explicit = true
                } else if c == "i", k + 1 < s.count, s[k + 1] == "d", k + 2 >= s.count || !FoldedText.isASCIILetter(s[k + 2]) {
                    explicit = true
                    k += 1
                } else {
                    break
                }
            }
            k += 1
            steps += 1
        }
        let start = k
        var letters = 0
        var digits = 0
        var end = k
        while k < s.count {
            let c = s[k]
            if FoldedText.isASCIILetter(c) {
                letters += 1
            } else if FoldedText.isASCIIDigit(c) {
                digits += 1
            } else if (c == "_" || c == "-") && k + 1 < s.count && FoldedText.isASCIIAlphanumeric(s[k + 1]) && letters + digits > 0 {
                // part of the id
            } else if (c == " " || c == "-") && letters == 0 && digits > 0 && k + 1 < s.count && FoldedText.isASCIIDigit(s[k + 1]) {
                // "1 2 3 4 5 6": digits spread out
            } else {
                break
            }
            k += 1
            end = k
        }
        // A Han character glued after the id ("123456个") makes it a count, not an id.
        if end < s.count, FoldedText.isHan(s[end]), letters == 0, !explicit { return nil }
        let length = letters + digits
        let isID = (letters == 0 && (5...12).contains(digits))
            || (letters > 0 && digits > 0 && (5...24).contains(length))
            || (explicit && digits == 0 && (6...20).contains(letters))
        return isID && end > start ? start...(end - 1) : nil
    }

    private static func satisfies(
        _ requirement: Requirement, after end: Int, in text: FoldedText, squeezed: String, lowered: String
    ) -> Bool {
        func anyPresent(_ words: [String]) -> Bool { words.contains { squeezed.contains($0) || lowered.contains($0) } }
        switch requirement {
        case .none:
            return true
        case .anyOf(let words):
            return anyPresent(words)
        case .numberAfter(let distance, let words):
            // Written digits only: "日结300" is a wage, "日结的，一天" is not a number.
            let upper = min(text.core.count, end + distance)
            if (end..<upper).contains(where: { FoldedText.isASCIIDigit(text.core[$0]) }) {
                return true
            }
            return anyPresent(words)
        }
    }

    // MARK: phone numbers

    static let chineseDigits: [Unicode.Scalar: UInt8] = [
        "零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    private static func digitValue(_ s: Unicode.Scalar) -> UInt8? {
        if FoldedText.isASCIIDigit(s) { return UInt8(s.value - 0x30) }
        return chineseDigits[s]
    }

    private static func isDigitSeparator(_ s: Unicode.Scalar) -> Bool {
        if s == " " || s == "-" || s == "_" || s == "*" || s == "·" || s == "—" || s == "~" || s == "\u{2005}" { return true }
        if s.isASCII { return false }
        return s.properties.generalCategory == .otherSymbol
    }

    /// Mainland mobile numbers (1[3-9] + 9 digits, optionally +86), written however: 13800138000,
    /// 138 0013 8000, 138-0013-8000, １３８…, ①③⑧…, 1️⃣3️⃣8️⃣…, 一三八零零一三八零零零.
    /// Runs of more digits (order numbers) and numbers after 订单/快递/单号… are not phones.
    static func mobileNumbers(in text: FoldedText, links: [DetectedLink]) -> [ClosedRange<Int>] {
        let s = text.lower
        var found: [ClosedRange<Int>] = []
        let linkSpans = links.map { text.foldedIndex(atOrAfter: $0.range.lowerBound)..<text.foldedIndex(atOrAfter: $0.range.upperBound) }
        var k = 0
        while k < s.count {
            guard digitValue(s[k]) != nil else {
                k += 1
                continue
            }
            // A run of digit groups separated by at most two separator scalars. ASCII digits and Chinese
            // numerals do not mix: "第一 13800138000" is prose then a number.
            let isChineseRun = !FoldedText.isASCIIDigit(s[k])
            func continuesRun(_ c: Unicode.Scalar) -> Bool { digitValue(c) != nil && FoldedText.isASCIIDigit(c) != isChineseRun }
            var groups: [[Int]] = [[k]]
            var j = k + 1
            var separators = 0
            while j < s.count {
                if continuesRun(s[j]) {
                    if separators > 0 { groups.append([]) }
                    groups[groups.count - 1].append(j)
                    separators = 0
                } else if isDigitSeparator(s[j]) && separators < 2 {
                    separators += 1
                } else {
                    break
                }
                j += 1
            }
            k = j
            // Chinese numerals count only as a whole run (一三八零零一三八零零零), never a window inside prose.
            if isChineseRun { groups = [groups.flatMap { $0 }] }
            for g in groups.indices {
                var indices: [Int] = []
                for h in g..<groups.count {
                    indices += groups[h]
                    if indices.count >= 11 { break }
                }
                guard let number = mobileNumber(indices, in: s) else { continue }
                let first = number.first!
                let last = number.last!
                if linkSpans.contains(where: { $0.contains(first) }) { continue }
                if first > 0, FoldedText.isASCIILetter(s[first - 1]) { continue }
                if last + 1 < s.count, FoldedText.isASCIILetter(s[last + 1]) || FoldedText.isASCIIDigit(s[last + 1]) { continue }
                if isNumberContext(before: first, in: text) { continue }
                // "+86 139…": the plus belongs to the number.
                let start = number.count == 13 && first > 0 && s[first - 1] == "+" ? first - 1 : first
                found.append(start...last)
                break
            }
        }
        return found
    }

    /// The digits at `indices` as a mobile number: exactly 11 (1[3-9]…) or 13 with the 86 prefix.
    private static func mobileNumber(_ indices: [Int], in s: [Unicode.Scalar]) -> [Int]? {
        let values = indices.map { digitValue(s[$0])! }
        if values.count == 11, values[0] == 1, (3...9).contains(values[1]) { return indices }
        if values.count == 13, values[0] == 8, values[1] == 6, values[2] == 1, (3...9).contains(values[3]) { return indices }
        return nil
    }

    private static func isNumberContext(before folded: Int, in text: FoldedText) -> Bool {
        // The core position of the number's first digit.
        guard let coreIndex = text.coreToFolded.firstIndex(where: { $0 >= folded }) else { return false }
        let from = max(0, coreIndex - 8)
        for position in from..<coreIndex {
            if let match = numberContexts.longestMatch(at: position, in: text), match.core.upperBound <= coreIndex { return true }
        }
        return false
    }
}
