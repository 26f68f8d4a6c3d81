import Foundation
import XCTest
#if POSTGRES_CONTRACT
import QunPostgres
#endif

import QunCore
import QunStore
import StoreTestSupport

/// A test class of the contract suite: its tests talk to a store only through the role protocols, and run once
/// per backend. The class runs them on `backend`; a subclass that overrides it runs the same tests on another.
class StoreContractTestCase: XCTestCase {
    class var backend: StoreBackendUnderTest { .sqlite }

    /// A new, empty store of this class's backend, removed when the test ends.
    func makeStore() throws -> any QundeckStore {
        let made = try StoreFactory.make(type(of: self).backend)
        addTeardownBlock { try made.remove() }
        return made.store
    }

    /// Another handle on `store`, as another process opens it.
    func openAnother(_ store: any QundeckStore) throws -> any QundeckStore {
        let another = try StoreFactory.open(type(of: self).backend, address: store.address)
        // XCTest keeps every test case object to the end of the run: connections must not wait for deinit.
        #if POSTGRES_CONTRACT
        if let postgres = another as? PostgresStore { addTeardownBlock { postgres.close() } }
        #endif
        return another
    }

    /// A new store whose rules call `messages` messages within `seconds` a flood (the standard action: mute).
    func makeStore(floodAt messages: Int, within seconds: Int, now: Date) throws -> any QundeckStore {
        let store = try makeStore()
        var settings = RuleSettings()
        settings.flood = FloodSettings(messages: messages, seconds: seconds)
        try store.saveRuleSet(RuleSet(defaults: settings), actor: "owner", now: now)
        return store
    }

    /// A new store holding the whole `Community`, with both campaigns saved after the events.
    func makeCommunityStore() throws -> any QundeckStore {
        let store = try makeStore()
        try Community.fill(store)
        return store
    }

    /// Fails unless the stores this class makes are of its backend: a subclass meant for another backend that
    /// silently ran SQLite again would pass every test and prove nothing.
    func assertStoresAreOfTheClassBackend(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try makeStore().backend, type(of: self).backend.rawValue, file: file, line: line)
    }

    /// This test, by the name a child process of the test binary is told to run it.
    var nameForChildProcess: String {
        // XCTest names a test "-[Class method]" on Darwin and "Class.method" elsewhere.
        let method = name.split { $0 == " " || $0 == "." }.last.map { $0.filter { $0 != "]" } } ?? name
        return "\(String(reflecting: type(of: self)))/\(method)"
    }
}
