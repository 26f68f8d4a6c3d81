/// What one import read. Counts are of events produced from the file; whether the store already had
/// them is the store's answer (`AppendResult`).
public struct ImportSummary: Sendable, Hashable {
    public var format: ImportFormat
    public var messages = 0
    public var joins = 0
    public var leaves = 0
    public var removes = 0
    /// Every other kind (join requests, bans, renames…).
    public var other = 0
    /// Distinct members (per group) the events name.
    public var members = 0
    /// Records not turned into events: deliberate skips and bad records (`problems`) alike.
    public var skipped = 0
    /// `skipped` by reason (`pin_message`, `edited_message`, `invalid record`…).
    public var skippedReasons: [String: Int] = [:]
    /// Bad records reported through `onProblem` (they are in `skipped` too, as "invalid record").
    public var problems = 0
    /// Things the user should know (an assumed time zone, an ambiguous date order…).
    public var warnings: [String] = []
    /// The group ids events went to, in order of first appearance.
    public var groups: [String] = []

    public init(format: ImportFormat) {
        self.format = format
    }

    /// All events produced.
    public var events: Int { messages + joins + leaves + removes + other }
}
