/// Chinese cities for the nickname check "is the 城市 part a city?": every municipality and
/// prefecture-level city (and the prefectures members name as their city), common county-level
/// cities, Hong Kong, Macao and Taiwan's cities, the provinces (members sometimes give those), and
/// the pinyin of the largest cities. Written without the 市 suffix, which the check strips.
enum KnownCities {
    static let names: Set<String> = Set("""
        北京 天津 上海 重庆 香港 澳门 台北 新北 桃园 台中 台南 高雄 新竹 基隆 嘉义
        河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 内蒙古 内蒙 台湾
        石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安 定州 辛集
        太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
        呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒 阿拉善 满洲里 二连浩特
        沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 瓦房店
        长春 四平 辽源 通化 白山 松原 白城 延边 延吉 珲春
        哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭 绥芬河
        南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 昆山 江阴 张家港 常熟 太仓 宜兴 溧阳
        杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 慈溪 余姚 诸暨 海宁 桐乡 乐清 瑞安 东阳
        合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
        福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 晋江 石狮 福清 平潭
        南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
        济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 莱芜 寿光 即墨 胶州 龙口 曲阜
        郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源 巩义 新郑 登封 禹州 永城
        武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架
        长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 吉首 浏阳
        广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 顺德
        南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
        海口 三亚 三沙 儋州 琼海 万宁 文昌 五指山
        成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山 西昌 都江堰
        贵阳 六盘水 遵义 安顺 毕节 铜仁 黔东南 黔南 黔西南 凯里 都匀 兴义
        昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆 香格里拉 景洪 瑞丽 个旧
        拉萨 日喀则 昌都 林芝 山南 那曲 阿里
        西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 杨凌
        兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南 敦煌
        西宁 海东 海西 海北 黄南 果洛 玉树 格尔木 德令哈
        银川 石嘴山 吴忠 固原 中卫
        乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 库尔勒 阿克苏 克孜勒苏 喀什 和田 伊犁 伊宁 塔城 阿勒泰 石河子 奎屯 博乐
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Pinyin spellings of the largest cities, lowercase without spaces.
    static let pinyin: Set<String> = Set("""
        beijing shanghai tianjin chongqing guangzhou shenzhen hangzhou nanjing wuhan chengdu xian xi'an zhengzhou suzhou \
        changsha shenyang qingdao dalian xiamen ningbo jinan hefei fuzhou kunming harbin changchun shijiazhuang taiyuan \
        nanchang nanning guiyang lanzhou xining yinchuan urumqi wulumuqi lhasa lasa haikou sanya hongkong xianggang macau \
        macao aomen taipei dongguan foshan wuxi zhuhai luoyang kaifeng wenzhou jiaxing shaoxing jinhua yantai weifang \
        xuzhou changzhou nantong yangzhou zhongshan huizhou shantou quanzhou zhangzhou tangshan baoding handan
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    static func contains(_ part: String) -> Bool {
        let folded = FoldedText(part).coreString
        guard !folded.isEmpty else { return false }
        if folded.unicodeScalars.allSatisfy(\.isASCII) {
            return pinyin.contains(folded) || (folded.hasSuffix("shi") && pinyin.contains(String(folded.dropLast(3))))
        }
        var name = folded
        if name.count > 2, name.hasSuffix("市") { name.removeLast() }
        return names.contains(name)
    }
}
