import XCTest

@testable import QunTUI

final class UTF8LocaleTests: XCTestCase {
    func testAUTF8EnvironmentLocaleIsKept() {
        var tried: [String] = []
        let outcome = UTF8Locale.choose { name in
            tried.append(name)
            return "UTF-8"
        }
        XCTAssertEqual(try outcome.get(), .environment)
        XCTAssertEqual(tried, [""])
    }

    func testLangCFallsBackToCUTF8() {
        let outcome = UTF8Locale.choose { name in name == "" ? "ANSI_X3.4-1968" : (name == "C.UTF-8" ? "UTF-8" : nil) }
        XCTAssertEqual(try outcome.get(), .fallback("C.UTF-8"))
    }

    func testAMissingCUTF8FallsBackToEnUS() {
        // zh_CN.UTF-8 not installed: setlocale("") fails outright, and so does C.UTF-8 on an old system.
        let outcome = UTF8Locale.choose { name in name == "en_US.UTF-8" ? "utf8" : nil }
        XCTAssertEqual(try outcome.get(), .fallback("en_US.UTF-8"))
    }

    func testNoUTF8LocaleAtAllIsAnErrorThatSaysWhatToDo() {
        let outcome = UTF8Locale.choose { _ in "ISO-8859-1" }
        guard case let .failure(error) = outcome else { return XCTFail("expected no locale, got \(outcome)") }
        XCTAssertEqual(error.tried, ["C.UTF-8", "en_US.UTF-8"])
        XCTAssertTrue(error.description.contains("locale -a"), error.description)
    }
}
