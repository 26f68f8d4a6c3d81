/// Confirmed spam, indexed so that a new message finds the removed messages it resembles — the evidence
/// an admin wants beside a score ("similar to 12 removed messages", and which ones).
///
/// Each sample is kept as a MinHash signature of its features; 16 bands of 2 rows make every sample that
/// shares a band a candidate (a pair with Jaccard similarity 0.5 shares one 99 % of the time), and only
/// candidates are compared. Lookup cost grows with the number of near matches, not with the index.
public struct SimilarityIndex: Sendable {
    public struct Entry: Sendable {
        public var id: Int64
        public var text: String
        public var signature: MinHashSignature
    }

    static let bands = 16
    /// Messages with fewer features than this (好的, 收到, 👍) look like too many others to mean anything.
    public static let minimumFeatures = 4

    public private(set) var entries: [Entry] = []
    private var buckets: [[UInt64: [Int]]] = Array(repeating: [:], count: bands)
    /// Positions in `entries` of samples taken back; they stay in their buckets, skipped.
    private var removed: Set<Int> = []
    private var positions: [Int64: Int] = [:]

    public init() {}

    public var count: Int { entries.count - removed.count }

    /// Adds a spam sample; `id` is whatever the caller uses to find it again (a store row id).
    public mutating func add(id: Int64, text: String, features: [String]) {
        guard features.count >= Self.minimumFeatures else { return }
        remove(id: id)
        let signature = MinHashSignature(features: features)
        let position = entries.count
        entries.append(Entry(id: id, text: text, signature: signature))
        positions[id] = position
        for (band, key) in signature.bandKeys(bands: Self.bands).enumerated() { buckets[band][key, default: []].append(position) }
    }

    /// Forgets a sample (an undone decision). Its slot stays, skipped, until the index is rebuilt.
    public mutating func remove(id: Int64) {
        if let position = positions.removeValue(forKey: id) { removed.insert(position) }
    }

    /// The stored samples at least `threshold` similar to `features`: how many, and the `limit` nearest.
    public func similar(to features: [String], threshold: Double = 0.5, limit: Int = 3) -> SimilarityEvidence {
        similar(toHashes: features.map(StableHash.fnv1a), threshold: threshold, limit: limit)
    }

    /// `similar(to:)` from feature hashes (`SpamTokenizer.featureHashes`).
    public func similar(toHashes hashes: [UInt64], threshold: Double = 0.5, limit: Int = 3) -> SimilarityEvidence {
        guard hashes.count >= Self.minimumFeatures, !entries.isEmpty else { return SimilarityEvidence(count: 0, nearest: []) }
        let signature = MinHashSignature(hashes: hashes)
        var candidates = Set<Int>()
        for (band, key) in signature.bandKeys(bands: Self.bands).enumerated() {
            if let positions = buckets[band][key] { candidates.formUnion(positions) }
        }
        var matches: [SimilarSample] = []
        for position in candidates {
            if removed.contains(position) { continue }
            let entry = entries[position]
            let similarity = signature.similarity(to: entry.signature)
            if similarity >= threshold { matches.append(SimilarSample(id: entry.id, text: entry.text, similarity: similarity)) }
        }
        matches.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.id < $1.id }
        return SimilarityEvidence(count: matches.count, nearest: Array(matches.prefix(limit)))
    }
}

/// One stored spam sample a message resembles.
public struct SimilarSample: Sendable, Hashable {
    public var id: Int64
    public var text: String
    /// Estimated Jaccard similarity of their features, 0…1.
    public var similarity: Double
}

/// How many stored spam samples a message resembles, and the nearest ones.
public struct SimilarityEvidence: Sendable, Hashable {
    public var count: Int
    public var nearest: [SimilarSample]
}
