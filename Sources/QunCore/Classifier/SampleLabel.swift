/// What a training sample is: spam (removed by an admin, or written as spam) or ham (ordinary chat).
public enum SampleLabel: String, Codable, Sendable, CaseIterable {
    case spam
    case ham
}
