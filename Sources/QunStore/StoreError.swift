import Foundation

public enum StoreError: Error, CustomStringConvertible {
    case cannotCreateDirectory(path: String, underlying: String)
    case cannotOpen(path: String, underlying: String)
    case unknownGroup(String)
    case unknownCampaign(String)
    case invalid(String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, underlying): return "cannot create \(path): \(underlying)"
        case let .cannotOpen(path, underlying): return "cannot open store \(path): \(underlying)"
        case let .unknownGroup(id): return "no group with id \"\(id)\" (see `qundeck groups`)"
        case let .unknownCampaign(id): return "no campaign with id \"\(id)\""
        case let .invalid(message): return message
        }
    }
}
