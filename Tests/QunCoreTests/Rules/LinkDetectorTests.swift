import XCTest

@testable import QunCore

final class LinkDetectorTests: XCTestCase {
    private func assertLinks(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(LinkDetector.links(in: text), expected, text, file: file, line: line)
    }

    func testWithAndWithoutScheme() {
        assertLinks("https://t.cn/x", ["https://t.cn/x"])
        assertLinks("HTTP://Example.COM/Path?q=1", ["http://example.com/Path?q=1"])
        assertLinks("www.x.com", ["www.x.com"])
        assertLinks("x.cn/p", ["x.cn/p"])
        assertLinks("go to fake-shop.top now", ["fake-shop.top"])
        assertLinks("http://192.168.1.1:8080/admin", ["http://192.168.1.1:8080/admin"])
        assertLinks("t.me/joinchat/abc", ["t.me/joinchat/abc"])
        assertLinks("163.com 和 12306.cn", ["163.com", "12306.cn"])
    }

    func testGluedToChineseTextAndPunctuation() {
        assertLinks("看这个https://t.cn/A6xYz，赶紧", ["https://t.cn/A6xYz"])
        assertLinks("快点开www.zhongjiang.com领奖", ["www.zhongjiang.com"])
        assertLinks("（官网：www.hhh.com）", ["www.hhh.com"])
        assertLinks("活动地址:http://hd.quanyi.top/a1。", ["http://hd.quanyi.top/a1"])
        assertLinks("“https://ab.cd.cn/x”复制", ["https://ab.cd.cn/x"])
        assertLinks("详情见u.jd.com/9Xy，数量有限", ["u.jd.com/9Xy"])
        assertLinks("两个：a.com/1 和 b.cn/2。", ["a.com/1", "b.cn/2"])
    }

    func testInternationalisedDomains() {
        assertLinks("网址：例子.中国", ["例子.中国"])
        assertLinks("https://例子.中国/领取", ["https://例子.中国/"])
        assertLinks("官方商城：优选.商城 全场包邮", ["优选.商城"])
        assertLinks("视频.中國", ["视频.中国"])
    }

    func testFullWidthAndSpelledOutDots() {
        assertLinks("ｗｗｗ．ｘ．ｃｏｍ", ["www.x.com"])
        assertLinks("ｈｔｔｐｓ：／／ｔ．ｃｎ／ＡｂＣ 点开", ["https://t.cn/AbC"])
        assertLinks("www点haoyun点com", ["www.haoyun.com"])
        assertLinks("kaihu(dot)top", ["kaihu.top"])
        assertLinks("lingqu[.]cc/a", ["lingqu.cc/a"])
        assertLinks("www。zhuanqian。com", ["www.zhuanqian.com"])
        assertLinks("game88 dot com", ["game88.com"])
        assertLinks("www . mianfei . com", ["www.mianfei.com"])
    }

    func testNumbersAreNotLinks() {
        for text in ["39.9", "今天39.9元", "7.30开会", "1.2.3", "版本v2.3.1", "0.5ml", "2.5kg", "3.85%", "192.168", "1.5L的可乐", "3点30分", "下午3点com"] {
            assertLinks(text, [])
        }
    }

    func testFileNamesAreNotLinks() {
        for text in ["report.pdf", "photo.jpg", "文件.docx", "IMG_2034.JPG", "readme.md", "backup.zip", "setup.exe", "song.mp3", "run.sh", "视频.mov", "main.py"] {
            assertLinks(text, [])
        }
    }

    func testEverydayWordsAndTitlesAreNotLinks() {
        for text in ["Mr.Li said ok", "Ms.Wang will lead", "ok.so what", "I'm home.So tired", "done.It works", "e.g. this", "a.m. or p.m.", "U.S.A", "No.1"] {
            assertLinks(text, [])
        }
        // With a path, "www." or a scheme, the same TLDs are links.
        assertLinks("x.ai/chat", ["x.ai/chat"])
        assertLinks("www.example.so", ["www.example.so"])
    }

    func testEmailAddressesAreNotLinks() {
        assertLinks("简历发 zhang.san@163.com", [])
        assertLinks("abc@qq.com", [])
    }

    func testTrailingPunctuationIsNotPartOfTheLink() {
        assertLinks("see https://x.com/a.", ["https://x.com/a"])
        assertLinks("(https://x.com/a)", ["https://x.com/a"])
        assertLinks("https://x.com/a?b=1!", ["https://x.com/a?b=1"])
    }

    func testDetectedLinksCarryHostAndOriginal() throws {
        let link = try XCTUnwrap(LinkDetector.detect(in: "快去 WWW点Lucky点COM/Abc 看").first)
        XCTAssertEqual(link.original, "WWW点Lucky点COM/Abc")
        XCTAssertEqual(link.normalized, "www.lucky.com/Abc")
        XCTAssertEqual(link.host, "www.lucky.com")
    }
}
