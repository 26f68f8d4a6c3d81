import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// The `:` palette completes commands and then their arguments.
final class PaletteCompletionTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45)

    func testTabCompletesAThemeName() {
        press(.character(":"))
        type("th")
        press(.tab)
        XCTAssertEqual(state.input?.text, "theme ")
        XCTAssertEqual(PaletteCompletion.suggestions("theme ", state: state).map(\.label), ["default", "light", "mono"])
        type("l")
        press(.tab)
        XCTAssertEqual(state.input?.text, "theme light")
        XCTAssertEqual(press(.enter), [.switchTheme("light")])
    }

    func testGroupArgumentsMatchIdsAndNames() {
        XCTAssertEqual(PaletteCompletion.suggestions("group 车友", state: state).map(\.label), ["car"], "by name")
        XCTAssertEqual(PaletteCompletion.suggestions("group b", state: state).map(\.label), ["berlin"], "by id")
        press(.character(":"))
        type("group 车友")
        press(.enter)
        XCTAssertEqual(state.groupScope, "car", "Enter on a partial argument runs the highlighted one")
    }

    func testLanguageAndSortArguments() {
        XCTAssertEqual(PaletteCompletion.suggestions("lang ", state: state).map(\.line), ["lang en", "lang zh"])
        XCTAssertEqual(PaletteCompletion.suggestions("sort q", state: state).map(\.label), ["quiet"])
        press(.character(":"))
        type("lang z")
        press(.enter)
        XCTAssertEqual(state.language, .zh)
    }

    func testTheOverlayListsTheArguments() {
        press(.character(":"))
        type("theme ")
        let text = DashboardView.render(state).text()
        XCTAssertTrue(text.contains("default") && text.contains("mono"), text)
    }
}
