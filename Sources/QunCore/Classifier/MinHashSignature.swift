/// A MinHash signature of a feature set: the Jaccard similarity of two sets is estimated by the share of
/// positions where their signatures agree, in time independent of how many samples are stored.
public struct MinHashSignature: Sendable, Hashable {
    public static let length = 32
    public private(set) var values: [UInt64]

    public init<S: Sequence>(features: S) where S.Element == String {
        self.init(hashes: features.map(StableHash.fnv1a))
    }

    /// From `StableHash.fnv1a` of each feature (`SpamTokenizer.featureHashes`): the same signature.
    public init(hashes: [UInt64]) {
        var values = [UInt64](repeating: .max, count: Self.length)
        for base in hashes {
            for i in 0..<Self.length {
                let h = StableHash.mix(base ^ Self.seeds[i])
                if h < values[i] { values[i] = h }
            }
        }
        self.values = values
    }

    /// Estimated Jaccard similarity, 0…1.
    public func similarity(to other: MinHashSignature) -> Double {
        var same = 0
        for i in 0..<Self.length where values[i] == other.values[i] { same += 1 }
        return Double(same) / Double(Self.length)
    }

    /// The signature cut into `bands` bands, each hashed to one key: two sets that agree on a whole band
    /// become candidates (locality-sensitive hashing).
    func bandKeys(bands: Int) -> [UInt64] {
        let rows = Self.length / bands
        return (0..<bands).map { band in
            var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for row in 0..<rows { key = StableHash.mix(key ^ values[band * rows + row]) }
            return key
        }
    }

    private static let seeds: [UInt64] = (0..<length).map { StableHash.mix(UInt64($0) &* 0xD1B5_4A32_D192_ED03) }
}
