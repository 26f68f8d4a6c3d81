import Foundation
import XCTest

@testable import QunStore
import StoreTestSupport

extension XCTestCase {
    /// A new SQLite store in its own temporary directory; returns the store and its file URL.
    func makeSQLiteStore() throws -> (store: SQLiteStore, url: URL) {
        let url = try makeTemporaryDirectory().appendingPathComponent("store.sqlite")
        return (try SQLiteStore(url: url), url)
    }
}
