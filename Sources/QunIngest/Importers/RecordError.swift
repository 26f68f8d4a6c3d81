/// Why a record was rejected; becomes an `ImportProblem` once its position is known.
struct RecordError: Error, CustomStringConvertible {
    var field: String?
    var message: String

    init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    var description: String { field.map { "field \"\($0)\": \(message)" } ?? message }
}
