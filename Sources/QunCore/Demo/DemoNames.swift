/// Word banks for the demo community: names, nickname parts and chat lines as 社群 actually sound.
enum DemoNames {
    static let surnames = Array("李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文").map(String.init)
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉波宁斌浩凯晨阳婷雪琳欣悦然梅兰凤洁琴云莉颖").map(String.init)
    static let freeStyleNicknames = [
        "快乐每一天🌸", "A阳光明媚", "Lucky🍀", "静待花开", "🐟小鱼儿", "岁月静好", "Tommy", "追风少年", "向日葵🌻",
        "A00批发零售", "Kelly_", "星辰大海✨", "老兵", "吃货一枚🍜", "Amy🇨🇳", "👨‍👩‍👧 三口之家", "一路向北", "Mr. Zhang",
        "🌙月亮", "Coco", "知足常乐", "风中的承诺", "Café☕️", "😊微笑", "Jörg", "Nguyễn", "小确幸",
    ]
    static let englishNames = ["Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hannah", "Ivan", "Julia", "Lukas", "Mia", "Noah", "Olivia", "Paul", "Sophie", "Tim", "Lena", "Max", "Yuki"]

    static let checkinLines = ["早安", "签到", "早上好☀️", "打卡", "早安🌞", "早", "签到✅", "#签到", "早上好", "打卡第%d天💪", "早安各位🌸", "签到签到"]
    static let englishCheckinLines = ["good morning", "Good morning ☀️", "gm", "Good morning everyone!"]

    static let ownerGreetings = [
        "早安各位！今天也要元气满满 ☀️ 记得签到哦", "早上好～今天天气不错，大家出门注意安全🌤", "早安！签到的朋友今天有小惊喜🎁",
    ]

    static let communityChat = [
        "今天小区门口在修路，大家绕行", "有人知道快递柜几点开吗", "楼下的桂花开了，好香", "周末有亲子活动吗？", "物业说明天停水两小时",
        "谁家的猫跑出来了🐱", "菜市场今天的草莓很新鲜🍓", "团购的大米到了吗", "我家孩子也在三年级，一起拼车吧", "电梯又坏了😓",
        "收到，谢谢群主", "已下单👍", "这个价格可以的", "明天几点发货？", "质量很好，回购了", "求推荐靠谱的家政阿姨",
        "晚上广场舞七点半开始💃", "谁有多余的纸箱", "刚才停车场那辆车挡路了", "好的好的", "哈哈哈哈😂", "👍👍👍", "[图片]",
        "周末去爬山的有吗⛰", "团长辛苦了🌹", "这次的苹果很甜", "请问自提点在哪里", "我要两份", "+1", "已付款，请查收",
        "今天的秒杀几点开始？", "红包来了！手慢无🧧", "谢谢老板的红包🧧", "抢到了😄", "手气最佳是谁呀",
    ]
    static let carChat = [
        "周六去千岛湖自驾，有一起的吗🚗", "刚换了机油，推荐这家店", "高速上注意安全", "新能源车冬天续航掉得厉害", "这条路风景很好",
        "有人会换雨刮吗", "车友会聚餐定在周五", "洗车券还有吗", "收到", "👍", "油价又涨了", "下周保养打卡",
    ]
    static let fitnessChat = [
        "今天跑了5公里🏃", "打卡！深蹲100个", "教练今晚有课吗", "蛋白粉哪个牌子好", "坚持第30天💪", "体重又降了一斤",
        "晚上7点操场见", "腿好酸😂", "拉伸很重要", "明天休息一天",
    ]
    static let cyclingChat = [
        "Sunday ride at 7am, meeting point 世纪公园 north gate 🚴", "今天骑了60公里", "链条要上油了", "Anyone selling a used helmet?",
        "风好大，逆风骑到怀疑人生", "Great ride everyone!", "周末滴水湖一圈？", "补胎工具记得带", "Photos from today 📷", "👍",
    ]
    static let chessChat = [
        "今晚谁来下一盘", "这步棋走得妙", "周末茶馆见♟", "残局练习题发群里了", "输了输了😅", "象棋还是围棋？", "复盘一下",
    ]
    static let berlinChat = [
        "Anyone tried the new hotpot place in Kreuzberg? 🍲", "周末包饺子聚会，报名+1", "Asia market on Kantstraße has 香菜 again",
        "Who wants to share a 火锅 set?", "Danke everyone for coming!", "今晚的烧烤太好吃了", "Is the 月饼 order still open?",
        "Going to the Weihnachtsmarkt Saturday 🎄", "I'll bring 饺子", "👍", "好的", "Sounds good!",
    ]

    /// Spam as it really arrives: contact bait with evasions, links glued to Chinese text, job scams.
    static let spamLines = [
        "加V信 abc8888 领优惠券", "ｗｅｉｘｉｎ：ｍｍ６６６ 免费领取", "看这个https://t.cn/A6xYz，赶紧", "兼职日结300，私聊我",
        "特价清仓 www.fake-shop.top 先到先得", "加 微 信 领红包🧧", "薇信 hy2025 招代理躺赚", "刷单返利，扣扣 123456",
        "需要的加VX：shop_888", "廣告位招租，加微信詳聊", "点这里 bit.ly/3xYz 抽奖", "低价代购，电话 138 0013 8000",
        "免费领取护肤套装，私聊领取", "威-信：sale2026", "新品上市 shop.example.cn/p/123 快来",
    ]

    static let joinRequestNotes = ["朋友推荐进群", "看到小区海报", "我是3号楼业主", "想参加周末活动", "", "车友介绍的", "扫码申请"]
}
