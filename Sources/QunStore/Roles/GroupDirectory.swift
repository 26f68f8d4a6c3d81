import Foundation
import QunCore

/// The groups a store knows, with their settings and time zones.
public protocol GroupDirectory: Sendable {
    func saveGroup(_ group: Group) throws
    func groups() throws -> [Group]
    func group(id: String) throws -> Group?
    func groupZones() throws -> [String: TimeZone]
}
