/// Top-level domains a bare host ("x.cn/p", "fake-shop.top") must end with to count as a link.
/// Without this list "39.9", "7.30" and "report.pdf" would look like hosts.
enum TopLevelDomains {
    /// Every delegated two-letter country-code TLD.
    static let countryCodes: Set<String> = Set("""
        ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz \
        ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk \
        fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir \
        is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk \
        ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl \
        pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc \
        td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Generic TLDs: the originals, the ones Chinese sites and spammers actually register (cheap ones
    /// like .top .xyz .vip .icu .cyou .sbs), and common brand-neutral new gTLDs.
    static let generic: Set<String> = Set("""
        com net org info biz edu gov mil int name pro mobi asia tel travel jobs cat coop aero museum post xxx \
        app dev xyz top vip shop site online club store tech fun ink wang ltd red link live life world today news \
        email cloud space website host press blog art design media studio agency digital network solutions \
        services company center group team zone city plus love one win bid loan work click download stream \
        racing review trade party date faith science men gdn icu cyou buzz sbs cfd bond lol mom pics rest skin \
        hair beauty makeup baby kim run fit fitness pub bar best cool cafe game games fans wiki page chat social \
        tips guru ninja rocks world video tv mall market deals sale shopping money cash finance fund credit \
        loans bet poker casino vin wine beer pizza food restaurant menu kitchen house homes estate land realty \
        rent cars auto car bike taxi tours holiday vacations flights hotel hotels photo photos pictures gallery \
        music film movie show events tickets live ltd inc llc company email mail today now how you xin ren \
        shouji tushu wanggou youtube google baidu taobao tmall jd alibaba sohu weibo netease apple amazon \
        microsoft xn--fiqs8s xn--fiqz9s xn--55qx5d xn--io0a7i xn--3ds443g xn--czru2d xn--ses554g xn--6qq986b3xl \
        xn--czr694b xn--vuq861b xn--j6w193g xn--kprw13d xn--kpry57d
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Chinese internationalised TLDs that are unlikely to start a sentence, so "例子.中国" counts.
    static let chinese: Set<String> = ["中国", "公司", "网址", "商城", "中文网", "网店", "我爱你", "商标", "香港", "台湾", "澳门", "新加坡"]

    /// Chinese TLDs that are also everyday words ("今天不行.网络太卡"): they count only after a scheme or before a path.
    static let chineseEverydayWords: Set<String> = ["网络", "在线", "集团", "移动", "广东", "佛山", "手机", "信息", "游戏"]

    /// TLDs that are also file extensions: "readme.md", "backup.zip", "script.py" are files, not sites,
    /// unless a scheme, "www." or a path says otherwise.
    static let fileExtensions: Set<String> = ["zip", "mov", "py", "sh", "md", "ps", "pl", "rs", "ai", "ms", "mp", "cab", "pub", "mobi", "so", "sb", "ml", "app"]

    /// TLDs that are also English or pinyin words, so that "ok.so", "done.it", "Ms.Ma" or
    /// "home.in" (a missing space after a full stop) are not links unless something else says so.
    static let everydayWords: Set<String> = [
        "in", "at", "it", "is", "no", "be", "to", "me", "my", "so", "as", "am", "by", "do", "id", "im", "us", "pm", "la",
        "ma", "li", "hu", "mo", "ai", "lu", "ba", "ne", "one", "win", "best", "cool", "love", "men", "date", "today",
        "life", "now", "how", "you", "fit", "run", "bar", "pub", "rest", "show", "sale", "cat", "name", "post", "tel",
        "pro", "ren", "xin", "kim",
    ]

    /// Titles that end with a full stop ("Mr.Li") and so look like a host.
    static let honorifics: Set<String> = ["mr", "mrs", "ms", "dr", "st", "no", "vs", "jr", "sr", "prof", "mt", "ft", "fig", "vol", "ch", "p", "pp", "op", "eg", "ie", "etc", "a", "i"]

    /// Well-known TLDs under which an all-digit name is a real site (163.com, 58.com, 12306.cn).
    static let numericNameTLDs: Set<String> = ["com", "cn", "net", "org", "top", "xyz", "vip", "cc", "info", "club"]

    static func isKnown(_ tld: String) -> Bool {
        countryCodes.contains(tld) || generic.contains(tld) || chinese.contains(tld) || chineseEverydayWords.contains(tld)
    }
}
