import Foundation
import QunCore

extension StoreError {
    /// Runs a QunCore campaign decision, reporting its refusals as store errors, in the same words on every backend.
    public static func deciding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CampaignTransitionError {
            throw StoreError.invalid(error.description)
        } catch let error as CampaignDecisionError {
            switch error {
            case let .invalid(message): throw StoreError.invalid(message)
            case let .unknownGroup(id): throw StoreError.unknownGroup(id)
            }
        }
    }
}
