/// Which stored samples a classifier holds: the newest sample and how many were taken back. Two analyses
/// made with classifiers of the same stamp agree.
public struct ClassifierStamp: Sendable, Equatable {
    public var lastSample: Int64
    public var removed: Int

    public init(lastSample: Int64 = 0, removed: Int = 0) {
        self.lastSample = lastSample
        self.removed = removed
    }
}
