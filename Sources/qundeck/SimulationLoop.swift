import Foundation
import QunCore
import QunStore

/// Appends simulated events at a steady rate, in small batches, until told to stop.
struct SimulationLoop {
    let store: any QundeckStore
    let rate: Double
    let seed: UInt64

    /// Returns how many events were appended. `shouldStop` is asked after every batch with the running count.
    func run(shouldStop: (Int) -> Bool) throws -> Int {
        let rosters = try store.groups().map { group in
            LiveSimulator.Roster(group: group, members: try store.members(groupID: group.id, limit: 300))
        }
        var simulator = LiveSimulator(rosters: rosters, seed: seed)
        guard !simulator.rosters.isEmpty else { throw StoreError.invalid("the store has no members to simulate") }
        // At low rates, one event every 1/rate s; at high rates, batches every 50 ms.
        let interval = max(0.05, 1 / rate)
        var total = 0
        var carry = 0.0
        var last = Date()
        while true {
            Thread.sleep(forTimeInterval: interval)
            let now = Date()
            carry += rate * now.timeIntervalSince(last)
            last = now
            let count = Int(carry)
            carry -= Double(count)
            if count > 0 {
                total += try store.append(simulator.next(count: count, now: now, spread: interval), now: now).inserted
            }
            if shouldStop(total) { return total }
        }
    }
}
