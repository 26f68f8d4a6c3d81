import QunStore

/// What feed ingest, imports and followers need from a store: the event log, and the stored rules the
/// messages' text is analysed with while parsing.
public typealias IngestStore = EventLog & RuleStorage
