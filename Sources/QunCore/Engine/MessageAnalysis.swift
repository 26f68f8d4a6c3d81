/// What a message's text says, whoever sent it: a check-in or not, what the rules find in it, and the
/// classifier's view.
public struct MessageAnalysis: Sendable {
    public let isCheckin: Bool
    public let findings: TextFindings
    /// The spam classifier's view, when the group's classifier is on.
    public var assessment: SpamAssessment?

    public init(isCheckin: Bool, findings: TextFindings, assessment: SpamAssessment? = nil) {
        self.isCheckin = isCheckin
        self.findings = findings
        self.assessment = assessment
    }
}
