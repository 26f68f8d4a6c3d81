import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

final class ReducerTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45)

    func testPaneSwitchingWithTabNumbersAndShiftTab() {
        XCTAssertEqual(state.focus, .activity)
        press(.tab)
        XCTAssertEqual(state.focus, .checkins)
        press(.character("4"))
        XCTAssertEqual(state.focus, .campaigns)
        press(.tab)
        XCTAssertEqual(state.focus, .activity, "Tab wraps around")
        press(.backTab)
        XCTAssertEqual(state.focus, .campaigns)
    }

    func testMovementIsClampedAndPerPane() {
        press(.character("j"), .down, .character("j"))
        XCTAssertEqual(state.cursor(.activity), 3)
        press(.character("G"))
        XCTAssertEqual(state.cursor(.activity), state.activityRows.count - 1)
        press(.down)
        XCTAssertEqual(state.cursor(.activity), state.activityRows.count - 1, "no movement past the end")
        press(.character("g"))
        XCTAssertEqual(state.cursor(.activity), 0)
        press(.up)
        XCTAssertEqual(state.cursor(.activity), 0)
        press(.character("2"), .pageDown)
        XCTAssertEqual(state.cursor(.checkins), state.checkinRows.count - 1, "a page past a short list lands on its last row")
        XCTAssertEqual(state.cursor(.activity), 0, "each pane keeps its own cursor")
    }

    func testFilterAppliesAsYouTypeAndEscClearsIt() {
        press(.character("/"))
        XCTAssertEqual(state.input?.mode, .filter(.activity))
        type("金水")
        XCTAssertEqual(state.filters[.activity], "金水")
        XCTAssertEqual(state.activityRows.map(\.group.id), ["zz-1"])
        press(.enter)
        XCTAssertNil(state.input)
        XCTAssertEqual(state.activityRows.count, 1, "Enter keeps the filter")
        press(.escape)
        XCTAssertNil(state.filters[.activity])
        XCTAssertEqual(state.activityRows.count, SampleDashboard.groups.count)
    }

    func testFilterSeesThroughFullWidthAndTraditionalForms() {
        press(.character("/"))
        type("fit")
        XCTAssertEqual(state.activityRows.map(\.group.id), ["fit"], "ＦＩＴ matches fit")
    }

    func testFilterEditingKeys() {
        press(.character("/"))
        type("abc")
        press(.left, .backspace)
        XCTAssertEqual(state.input?.text, "ac")
        press(.home, .delete)
        XCTAssertEqual(state.input?.text, "c")
        press(.escape)
        XCTAssertNil(state.input)
        XCTAssertNil(state.filters[.activity], "Esc while typing cancels the filter")
    }

    func testMultiSelectInModerationOnly() {
        press(.character(" "))
        XCTAssertTrue(state.marked.isEmpty, "space selects only in Moderation")
        press(.character("3"), .character(" "), .character(" "))
        XCTAssertEqual(state.marked, [1, 2])
        XCTAssertEqual(state.cursor(.moderation), 2, "space moves down after marking")
        press(.character("k"), .character(" "))
        XCTAssertEqual(state.marked, [1], "space again unmarks")
        press(.escape)
        XCTAssertTrue(state.marked.isEmpty, "Esc clears the selection")
    }

    func testEnterOnModerationAsksForContextAndEscCloses() {
        press(.character("3"), .down)
        let effects = press(.enter)
        XCTAssertEqual(state.overlay, .detail(.moderation))
        XCTAssertEqual(effects.count, 1)
        if case let .loadContext(item)? = effects.first { XCTAssertEqual(item.id, 2) } else { XCTFail("expected loadContext") }
        let next = press(.character("n"))
        if case let .loadContext(item)? = next.first { XCTAssertEqual(item.id, 3) } else { XCTFail("n steps to the next item") }
        press(.escape)
        XCTAssertNil(state.overlay)
    }

    func testHelpPaletteAndQuit() {
        press(.character("?"))
        XCTAssertEqual(state.overlay, .help)
        press(.character("q"))
        XCTAssertEqual(state.helpFilter, "q", "in the help, typing filters it")
        press(.escape, .escape)
        XCTAssertNil(state.overlay, "Esc clears the filter, then closes the help")
        XCTAssertFalse(state.quitRequested)
        XCTAssertEqual(press(.character("q")), [.quit])
        XCTAssertTrue(state.quitRequested)
    }

    func testPaletteCommands() {
        press(.character(":"))
        type("lang zh")
        press(.enter)
        XCTAssertEqual(state.language, .zh)
        press(.character(":"))
        type("theme light")
        XCTAssertEqual(press(.enter), [.switchTheme("light")])
        press(.character(":"))
        type("group car")
        press(.enter)
        XCTAssertEqual(state.groupScope, "car")
        XCTAssertEqual(state.activityRows.map(\.group.id), ["car"])
        XCTAssertEqual(state.campaignRows.map(\.campaign.id), ["flash"])
        press(.character(":"))
        type("bogus")
        press(.enter)
        XCTAssertEqual(state.status?.level, .danger)
        press(.character(":"))
        type("sort name")
        press(.enter)
        XCTAssertEqual(state.activitySort, .name)
    }

    func testPaletteCompletesTheHighlightedCommand() {
        press(.character(":"))
        type("ref")
        XCTAssertEqual(press(.enter), [.reload], "Enter runs the single suggestion for a prefix")
    }

    func testGroupSwitcher() {
        press(.character("o"))
        XCTAssertEqual(state.overlay, .groupSwitcher)
        press(.down, .down, .enter)
        XCTAssertEqual(state.groupScope, SampleDashboard.groups[1].id)
        press(.escape)
        XCTAssertNil(state.groupScope, "Esc drops the group scope when nothing else is set")
    }

    func testSortCycleOnActivity() {
        XCTAssertEqual(state.activitySort, .lastHour)
        XCTAssertEqual(state.activityRows.first?.group.id, "zz-1")
        press(.character("s"))
        XCTAssertEqual(state.activitySort, .today)
        press(.character("s"), .character("s"), .character("s"))
        XCTAssertEqual(state.activitySort, .quiet)
        XCTAssertTrue(state.activityRows.first?.isGoingQuiet ?? false, "quiet sort puts groups going quiet first")
    }

    func testPauseStopsAndResumeReloads() {
        press(.character("P"))
        XCTAssertFalse(state.live)
        XCTAssertEqual(press(.character("P")), [.reload])
        XCTAssertTrue(state.live)
    }

    func testReloadKeepsTheSelectedQueueItemAndDropsVanishedMarks() {
        press(.character("3"), .down, .character(" "))  // mark item 2, cursor moves to item 3
        var data = state.data
        data.queue.removeFirst()  // item 1 resolved elsewhere
        data.queue.removeFirst()  // item 2 too
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(selectedQueueItem(state)?.id, 3)
        XCTAssertTrue(state.marked.isEmpty)
    }

    func testResizeChangesLayoutMode() {
        XCTAssertTrue(state.showsGrid)
        _ = reduce(&state, .resized(width: 80, height: 24))
        XCTAssertFalse(state.showsGrid)
        XCTAssertFalse(state.isTooSmall)
        _ = reduce(&state, .resized(width: 79, height: 24))
        XCTAssertTrue(state.isTooSmall)
        press(.character("z"))
        _ = reduce(&state, .resized(width: 200, height: 60))
        XCTAssertFalse(state.showsGrid, "zoom keeps one pane even on a big terminal")
    }
}

extension ReducerTests {
    func testEnterOnACheckinRowOpensTheMemberAndDigitsToggleTags() {
        press(.character("2"))
        let effects = press(.enter)
        XCTAssertEqual(state.overlay, .member)
        XCTAssertEqual(effects, [.loadMember(groupID: "zz-1", memberID: "m1")])
        _ = reduce(&state, .memberLoaded(SampleDashboard.profile))
        XCTAssertEqual(press(.character("2")), [.setTags(groupID: "zz-1", memberID: "m1", tags: [.seed, .vip, .loyal])])
        XCTAssertEqual(state.memberProfile?.member.tags, [.seed, .vip, .loyal], "the toggle shows before the store confirms")
        XCTAssertEqual(press(.character("1")), [.setTags(groupID: "zz-1", memberID: "m1", tags: [.vip, .loyal])])
        press(.escape)
        XCTAssertNil(state.overlay)
    }

    func testMemberViewFromAQueueItemReturnsToTheItem() {
        press(.character("3"))
        press(.enter)
        let effects = press(.character("i"))
        XCTAssertEqual(effects, [.loadMember(groupID: "zz-1", memberID: "spam1")])
        XCTAssertEqual(state.overlay, .member)
        press(.escape)
        XCTAssertEqual(state.overlay, .detail(.moderation))
    }
}

extension ReducerTests {
    func testNoteInputInTheMemberView() {
        press(.character("2"), .enter)
        _ = reduce(&state, .memberLoaded(SampleDashboard.profile))
        press(.character("n"))
        XCTAssertEqual(state.input?.mode, .note)
        type("团长 📦")
        XCTAssertEqual(press(.enter), [.addNote(groupID: "zz-1", memberID: "m1", text: "团长 📦")])
        XCTAssertNil(state.input)
        XCTAssertEqual(state.overlay, .member, "the member view stays open")
    }

    func testActivityDetailLoadsTheGroupsStaff() {
        XCTAssertEqual(press(.enter), [.loadStaff(groupID: "zz-1")])
        _ = reduce(&state, .staffLoaded(SampleDashboard.staff))
        XCTAssertEqual(state.staff.count, 2)
        XCTAssertEqual(press(.character("n")), [.loadStaff(groupID: "car")])
    }
}

extension ReducerTests {
    func testModerationKeysActOnTheCurrentItemOrTheSelection() {
        press(.character("3"))
        XCTAssertEqual(press(.character("a")), [.moderate(caseIDs: [1], action: .approve)])
        press(.character(" "), .character(" "))  // select 1 and 2
        XCTAssertEqual(press(.character("w")), [], "an action on several items asks first")
        XCTAssertEqual(state.overlay, .confirm(caseIDs: [1, 2], action: .warn))
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1, 2], action: .warn)])
        press(.character("A"))
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1, 2], action: .approve)])
        XCTAssertEqual(press(.character("u")), [.undoLast])
        _ = reduce(&state, .moderated("warn 2 items"))
        XCTAssertTrue(state.marked.isEmpty, "a finished action clears the selection")
    }

    func testBanAsksForConfirmation() {
        press(.character("3"))
        XCTAssertEqual(press(.character("B")), [])
        XCTAssertEqual(state.overlay, .confirm(caseIDs: [1], action: .ban))
        XCTAssertEqual(press(.character("n")), [])
        XCTAssertNil(state.overlay, "n cancels")
        press(.character("B"))
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1], action: .ban)])
    }

    func testBanAsSpamAsksForConfirmationToo() {
        press(.character("3"))
        XCTAssertEqual(press(.character("S")), [])
        XCTAssertEqual(state.overlay, .confirm(caseIDs: [1], action: .banAsSpam))
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1], action: .banAsSpam)])
    }

    func testMuteAsksForADurationDefaulting1h() {
        press(.character("3"), .character("j"))
        press(.character("m"))
        XCTAssertEqual(state.input?.text, "1h")
        XCTAssertEqual(press(.enter), [.moderate(caseIDs: [2], action: .mute(seconds: 3600))])
        press(.character("m"), .backspace, .backspace)
        type("30m")
        XCTAssertEqual(press(.enter), [.moderate(caseIDs: [2], action: .mute(seconds: 1800))])
        press(.character("m"), .backspace)
        type("x")
        XCTAssertEqual(press(.enter), [])
        XCTAssertEqual(state.status?.level, .danger, "a bad duration is reported, nothing happens")
    }

    func testNoteAndActionsFromTheDetailView() {
        press(.character("3"), .enter)
        XCTAssertEqual(press(.character("e")), [.moderate(caseIDs: [1], action: .escalate)])
        XCTAssertNil(state.overlay, "acting closes the detail view")
        press(.enter, .character("d"))
        XCTAssertEqual(state.overlay, .confirm(caseIDs: [1], action: .delete), "delete from the detail view asks first")
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1], action: .delete)])
        press(.character("n"))
        type("需要群主判断")
        XCTAssertEqual(press(.enter), [.addCaseNote(caseID: 1, text: "需要群主判断")])
    }

    func testModerationKeysDoNothingInOtherPanes() {
        XCTAssertEqual(press(.character("a")), [])
        XCTAssertNil(state.overlay)
    }
}

extension ReducerTests {
    func testClaimKeyInModeration() {
        press(.character("3"))
        XCTAssertEqual(press(.character("c")), [.claim(caseIDs: [1], release: false)])
    }
}

extension ReducerTests {
    func testCampaignKeys() {
        press(.character("4"))
        XCTAssertEqual(press(.character("p")), [.campaign(id: "flash", command: .pause)])
        XCTAssertEqual(press(.character("t")), [])
        XCTAssertEqual(state.overlay, .confirmCampaign(id: "flash", command: .trigger))
        XCTAssertEqual(press(.character("y")), [.campaign(id: "flash", command: .trigger)])
        press(.character("x"))
        XCTAssertEqual(press(.escape), [])
        XCTAssertNil(state.overlay, "Esc keeps the campaign")
        XCTAssertEqual(press(.enter), [.loadCampaign(id: "flash")])
    }

    func testNewCampaignFromATemplateTargetsTheGroupInView() throws {
        press(.character(":"))
        type("group car")
        press(.enter)
        press(.character("4"), .character("c"))
        XCTAssertEqual(state.overlay, .templatePicker)
        press(.down, .enter)
        guard case let .campaignForm(form) = state.overlay else { return XCTFail("the form opens: \(String(describing: state.overlay))") }
        XCTAssertEqual(form.templateValue.type, .flashSale)
        XCTAssertEqual(form.fields.map(\.kind), [.name, .groups, .budget, .start, .products, .packetAmount, .packetSlots])
        XCTAssertEqual(form[.groups], "car", "the group in view")
        press(.control("u"))
        type("周末秒杀")
        press(.tab, .tab, .control("u"))
        type("120")
        press(.tab, .tab, .control("u"))
        type("车载香薰 ¥39.90; 洗车卡 ¥99")
        press(.tab, .tab, .control("u"))
        type("10")
        let effects = press(.enter)
        XCTAssertNil(state.overlay)
        guard case let .createCampaign(plan) = try XCTUnwrap(effects.first) else { return XCTFail("\(effects)") }
        XCTAssertEqual(plan.name, "周末秒杀")
        XCTAssertEqual(plan.groupIDs, ["car"])
        XCTAssertEqual(plan.budget, Money(fen: 12_000))
        guard case let .flashSale(rules) = plan.rules else { return XCTFail("\(plan.rules)") }
        XCTAssertEqual(rules.products.map(\.name), ["车载香薰", "洗车卡"])
        XCTAssertEqual(rules.products.map(\.price), [Money(fen: 3990), Money(fen: 9900)])
        XCTAssertEqual(rules.packetSlots, 10)
    }

    func testTheCampaignFormSaysWhatIsWrongAndSavesNothing() {
        press(.character("4"), .character("c"), .enter)
        guard case .campaignForm = state.overlay else { return XCTFail() }
        press(.tab, .control("u"))
        type("nowhere")
        press(.tab, .control("u"))
        type("lots")
        XCTAssertEqual(press(.enter), [], "nothing is created")
        guard case let .campaignForm(form) = state.overlay else { return XCTFail("the form stays open") }
        XCTAssertEqual(form.fields[1].error, "no group \"nowhere\" (o lists them)")
        XCTAssertEqual(form.fields[2].error, "\"lots\" is not an amount in yuan (e.g. 500 or 2.50)")
        XCTAssertEqual(form.focus, 1, "the cursor goes to the first problem")
        XCTAssertEqual(state.status?.level, .danger)
        press(.control("u"))
        type("all")
        press(.tab, .control("u"))
        type("3")
        press(.tab)
        type("tomorrow")
        XCTAssertEqual(press(.enter), [])
        guard case let .campaignForm(again) = state.overlay else { return XCTFail() }
        XCTAssertNil(again.fields[1].error)
        XCTAssertTrue(again.fields[3].error?.contains("HH:MM or YYYY-MM-DD HH:MM") == true, again.fields[3].error ?? "")
        XCTAssertEqual(press(.escape), [])
        XCTAssertNil(state.overlay, "Esc drops the form")
    }
}

extension ReducerTests {
    func testMakeupCheckinFromTheCheckinsPane() {
        press(.character("2"))
        let row = state.checkinRows[0]
        XCTAssertTrue(row.atRisk, "the first row is a streak at risk (checked in yesterday)")
        press(.character("b"))
        XCTAssertEqual(state.input?.mode, .makeup(groupID: row.member.groupID, memberID: row.member.memberID))
        XCTAssertEqual(state.input?.text, SampleDashboard.today.description + " ", "today, so the streak survives")
        press(.control("u"))
        type("2026-11-21 forgot, was travelling")
        XCTAssertEqual(press(.enter), [
            .grantMakeup(groupID: row.member.groupID, memberID: row.member.memberID, day: LocalDay(iso: "2026-11-21")!,
                         reason: "forgot, was travelling"),
        ])
        press(.character("b"), .control("u"))
        type("yesterday")
        XCTAssertEqual(press(.enter), [])
        XCTAssertEqual(state.status?.level, .danger, "a day that is not a date is reported")
    }
}

extension ReducerTests {
    func testClaimKeyReleasesOnlyWhenEveryTargetIsAlreadyMine() {
        state.actor = "老李"
        state.data.queue[0].item.claimedBy = "老李"
        press(.character("3"))
        XCTAssertEqual(press(.character("c")), [.claim(caseIDs: [1], release: true)], "c on my own claim gives it up")
        press(.character(" "), .character(" "))
        XCTAssertEqual(press(.character("c")), [.claim(caseIDs: [1, 2], release: false)], "one of them is not mine yet: claim both")
    }

    func testAClaimOfSomeoneElseIsLeftToTheStoreToRefuse() {
        state.actor = "老李"
        state.data.queue[0].item.claimedBy = "小王"
        press(.character("3"))
        XCTAssertEqual(press(.character("c")), [.claim(caseIDs: [1], release: false)])
    }

    func testAConflictClearsTheTagsAndSaysWhoIsOnIt() {
        press(.character("3"), .character(" "))
        let until = state.data.now.addingTimeInterval(8 * 60)
        let effects = reduce(&state, .conflict(ModerationConflict(caseID: 1, actor: "小王", reason: .claimed(until: until))))
        XCTAssertEqual(effects, [.reload])
        XCTAssertTrue(state.marked.isEmpty)
        XCTAssertEqual(state.status?.level, .warn)
        XCTAssertTrue(state.status?.text.hasPrefix("#1: 小王 is on it until ") ?? false, state.status?.text ?? "")
    }
}
