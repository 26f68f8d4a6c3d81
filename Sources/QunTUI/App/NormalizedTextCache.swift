import Foundation
import QunCore

/// Remembers `MatchNormalizer.normalize` results across frames. Filtering re-tests every visible row on
/// each key, and normalising Chinese text (traditional → simplified) is too slow to repeat per frame;
/// names, reasons and messages repeat from frame to frame, so a cache makes filtering cost a lookup.
final class NormalizedTextCache: @unchecked Sendable {
    private var entries: [String: String] = [:]
    private let lock = NSLock()
    /// Past this many entries the cache starts over, bounding memory on a long-running dashboard.
    private let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    func normalized(_ text: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let hit = entries[text] { return hit }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let value = MatchNormalizer.normalize(text)
        entries[text] = value
        return value
    }
}
