import Foundation

/// What a store tells about itself for status lines and error messages.
public protocol StoreDescription: Sendable {
    /// Where the store is, as a user would type it: a file path, or a `postgres://` address without its password.
    var address: String { get }
    /// The backend's name: `sqlite` or `postgres`.
    var backend: String { get }
    /// True when the store holds no group yet.
    var isEmpty: Bool { get throws }
}
