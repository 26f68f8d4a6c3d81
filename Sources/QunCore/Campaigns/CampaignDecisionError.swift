import Foundation

/// Why a campaign decision refused; stores report it as their own error.
public enum CampaignDecisionError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(String)
    case unknownGroup(String)

    public var description: String {
        switch self {
        case let .invalid(message): return message
        case let .unknownGroup(id): return "no group with id \"\(id)\""
        }
    }
}
