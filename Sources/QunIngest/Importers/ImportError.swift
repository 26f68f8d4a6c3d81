import Foundation

/// An import that cannot start or cannot go on at all. A bad record is not one of these: it is an
/// `ImportProblem`, reported while the rest of the file still goes in.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// The format could not be recognised; `--format` names it.
    case unrecognizedFormat(path: String)
    /// The file is not of the given format at all.
    case notFormat(path: String, format: ImportFormat, detail: String)
    /// A `.zip` could not be read.
    case archive(path: String, detail: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open (\(reason))"
        case let .unrecognizedFormat(path):
            return "\(path): cannot tell which export this is; pass --format "
                + ImportFormat.allCases.map(\.rawValue).joined(separator: "|")
        case let .notFormat(path, format, detail):
            return "\(path): not a \(format.displayName) (\(detail))"
        case let .archive(path, detail):
            return "\(path): \(detail)"
        }
    }
}
