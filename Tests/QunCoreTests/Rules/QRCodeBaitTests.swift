import XCTest

@testable import QunCore

/// QR-code bait: the contact is in the picture, the text carries no id.
final class QRCodeBaitTests: XCTestCase {
    func testQRCodeBaitIsAnAd() throws {
        let engine = RuleEngine()
        for text in ["扫码进群，每天都有免费福利", "扫码领券，满一百减五十", "内部优惠券，不用白不用", "长按识别二维码，领取新人礼包",
            "扫码加群看更多", "隐藏优惠券先领再买", "掃碼進群"]
        {
            let flag = try XCTUnwrap(engine.evaluate(text).flags.first { $0.rule == .ad }, text)
            XCTAssertGreaterThanOrEqual(flag.severity, 3)
        }
    }

    func testEverydayQRCodeUseAndWarningsAreNot() {
        let engine = RuleEngine()
        for text in ["扫码付款就行", "停车场出口要扫码缴费", "现在吃饭都是扫码点餐", "这个优惠券明天过期，谁要", "不要扫码进群，都是骗子",
            "扫描二维码可以看体检报告"]
        {
            XCTAssertTrue(engine.evaluate(text).isClean, text)
        }
    }
}
