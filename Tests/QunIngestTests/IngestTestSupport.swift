import Foundation
import XCTest

import QunCore
import QunIngest
import QunStore

/// One feed line built from raw JSON fragments, so tests control exact types ("1" vs 1 vs 1.0).
/// Starts from a valid message line; `nil` in `overrides` removes that field.
func feedLine(_ overrides: [String: String?] = [:]) -> String {
    var fields: [(String, String)] = [
        ("v", "1"), ("id", "\"e1\""), ("source", "\"wechat\""), ("group", "\"g1\""),
        ("ts", "\"2026-11-23T07:00:05+08:00\""), ("kind", "\"message\""), ("member", "\"u1\""),
    ]
    for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
        fields.removeAll { $0.0 == key }
        if let value { fields.append((key, value)) }
    }
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}

/// A JSON string literal for `text` (quotes and escapes handled by JSONSerialization).
func json(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

/// 2026-11-23T07:00:05+08:00, the base line's timestamp.
let baseTimestamp = Date(timeIntervalSince1970: 1_795_388_405)

extension XCTestCase {
    func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("qundeck-ingesttests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func makeStore() throws -> SQLiteStore {
        try SQLiteStore(url: makeTemporaryDirectory().appendingPathComponent("store.sqlite"))
    }

    /// The fixture file `name` from Tests/QunIngestTests/Fixtures.
    func fixture(_ name: String) throws -> URL {
        let directory = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = directory.appendingPathComponent(name)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "missing fixture \(name)")
        return url
    }

    /// Parses `line`, failing the test if it is rejected.
    func parsed(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Event? {
        switch FeedParser().parse(line) {
        case let .success(event): return event
        case let .failure(error):
            XCTFail("rejected \(line): \(error)", file: file, line: number)
            return nil
        }
    }

    /// The rejection for `line`, failing the test if it is accepted.
    func rejection(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> FeedLineError? {
        switch FeedParser().parse(line) {
        case let .success(event):
            XCTFail("accepted \(line) as \(event)", file: file, line: number)
            return nil
        case let .failure(error): return error
        }
    }

    /// Polls `condition` every 20 ms for up to `timeout` seconds; true as soon as it holds.
    /// Waits are bounded so a broken follower fails the test instead of hanging it.
    func eventually(timeout: TimeInterval = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }
}

/// Appends raw bytes to a file without replacing it (same inode), as a feed writer would.
func append(_ text: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
}

/// A value shared between the test thread and worker threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}
