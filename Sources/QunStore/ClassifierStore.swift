import Foundation
import GRDB
import QunCore

/// The shared spam classifier: the compiled-in seed plus every stored sample (admins' decisions and
/// `rules learn` files). Built once and kept up to date from `classifier_samples`: new rows are learned as
/// they appear; when a sample is taken back the model is rebuilt (rare: an undo). Either backend feeds it
/// the stored samples' stamp and rows.
public final class ClassifierCache: @unchecked Sendable {
    private let lock = NSLock()
    private var classifier: SpamClassifier?
    private var lastID: Int64 = 0
    private var removedCount = 0

    public init() {}

    func classifier(in db: Database) throws -> SpamClassifier {
        try classifierAndStamp(in: db).0
    }

    /// The classifier and the stamp of the samples it holds (ingest compares stamps to know its analysis is current).
    func classifierAndStamp(in db: Database) throws -> (SpamClassifier, ClassifierStamp) {
        let stamp = try Row.fetchOne(db, sql: "SELECT coalesce(max(id), 0) AS last, count(removed_at) AS removed FROM classifier_samples")!
        return try classifierAndStamp(ClassifierStamp(lastSample: stamp["last"], removed: stamp["removed"])) { after, learn in
            try Self.learnRows(after: after, into: &learn, in: db)
        }
    }

    /// The classifier for the stored samples stamped `stamp`; `learnSamples(after, &classifier)` teaches it
    /// the samples not taken back whose id is above `after`, in id order.
    public func classifierAndStamp(
        _ stamp: ClassifierStamp, learnSamples: (_ after: Int64, _ classifier: inout SpamClassifier) throws -> Void
    ) throws -> (SpamClassifier, ClassifierStamp) {
        try lock.withLock {
            if var current = classifier, stamp.removed == removedCount {
                if stamp.lastSample != lastID {
                    try learnSamples(lastID, &current)
                    classifier = current
                    lastID = stamp.lastSample
                }
                return (current, stamp)
            }
            var fresh = SpamClassifier.seeded()
            try learnSamples(0, &fresh)
            classifier = fresh
            lastID = stamp.lastSample
            removedCount = stamp.removed
            return (fresh, stamp)
        }
    }

    private static func learnRows(after id: Int64, into classifier: inout SpamClassifier, in db: Database) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, label, text FROM classifier_samples WHERE id > ? AND removed_at IS NULL ORDER BY id", arguments: [id])
        while let row = try rows.next() {
            guard let label = SampleLabel(rawValue: row["label"]) else { continue }
            classifier.learn(row["text"], as: label, id: row["id"])
        }
    }
}

/// What `rules model` shows.
public struct ClassifierSummary: Sendable {
    public struct Count: Sendable, Equatable {
        public var spam = 0
        public var ham = 0

        public init(spam: Int = 0, ham: Int = 0) {
            self.spam = spam
            self.ham = ham
        }
    }

    public var seed: Count
    public var admin: Count
    public var file: Count
    /// Samples taken back by an undo.
    public var removed: Int
    /// When the newest sample was added or taken back; nil when only the seed is in use.
    public var lastTrained: Date?
    public var features: Int
    public var topSpam: [FeatureWeight]
    public var topHam: [FeatureWeight]

    public init(
        seed: Count, admin: Count, file: Count, removed: Int, lastTrained: Date?, features: Int, topSpam: [FeatureWeight],
        topHam: [FeatureWeight]
    ) {
        self.seed = seed
        self.admin = admin
        self.file = file
        self.removed = removed
        self.lastTrained = lastTrained
        self.features = features
        self.topSpam = topSpam
        self.topHam = topHam
    }
}

extension ClassifierSummary {
    /// The summary of `classifier`, from the stored samples' counts by source ("admin" or "file") and label.
    public init(
        classifier: SpamClassifier, storedCounts: [(source: String, label: String, count: Int)], removed: Int, lastTrained: Date?,
        topFeatures: Int
    ) {
        var admin = Count()
        var file = Count()
        for (source, label, n) in storedCounts {
            let isSpam = label == SampleLabel.spam.rawValue
            if source == "admin" {
                if isSpam { admin.spam = n } else { admin.ham = n }
            } else {
                if isSpam { file.spam = n } else { file.ham = n }
            }
        }
        self.init(
            seed: Count(spam: SeedCorpus.spam.count, ham: SeedCorpus.ham.count), admin: admin, file: file, removed: removed,
            lastTrained: lastTrained, features: classifier.model.features.count,
            topSpam: classifier.model.topFeatures(towards: .spam, limit: topFeatures),
            topHam: classifier.model.topFeatures(towards: .ham, limit: topFeatures))
    }
}

/// Which lines of `rules learn` files become new samples: a line already stored with the same label (or
/// repeated in the files) is skipped.
public struct SampleImportPlan {
    public struct Sample {
        public var label: SampleLabel
        public var text: String
        public var file: String
        public var line: Int
    }

    public private(set) var samples: [Sample] = []
    /// How many samples each file adds, in order.
    public private(set) var addedPerFile: [Int] = []

    public init(_ imports: [SampleFileImport], known: [(label: String, text: String)]) {
        var seen = Set(known.map { $0.label + "\u{1F}" + $0.text })
        for item in imports {
            var added = 0
            for (text, line) in zip(item.file.samples, item.file.lineNumbers)
            where seen.insert(item.label.rawValue + "\u{1F}" + text).inserted {
                samples.append(Sample(label: item.label, text: text, file: item.path, line: line))
                added += 1
            }
            addedPerFile.append(added)
        }
    }
}

/// One file's contribution to `rules learn`.
public struct SampleFileImport: Sendable {
    public var path: String
    public var label: SampleLabel
    public var file: SampleFile

    public init(path: String, label: SampleLabel, file: SampleFile) {
        self.path = path
        self.label = label
        self.file = file
    }
}

extension SQLiteStore {
    /// The classifier as the stored samples make it now.
    public func classifier() throws -> SpamClassifier {
        try pool.read { db in try classifierCache.classifier(in: db) }
    }

    /// Stores the samples of every file in one transaction. A line already stored with the same label (or
    /// repeated in the files) is skipped; returns how many samples were added per file, in order.
    @discardableResult
    public func learnSamples(_ imports: [SampleFileImport], now: Date = Date()) throws -> [Int] {
        try pool.write { db in
            let known = try Row.fetchAll(db, sql: "SELECT label, text FROM classifier_samples WHERE removed_at IS NULL")
                .map { (label: $0["label"] as String, text: $0["text"] as String) }
            let plan = SampleImportPlan(imports, known: known)
            let insert = try db.makeStatement(sql: """
                INSERT INTO classifier_samples (label, source, text, file, line, added_at) VALUES (?, 'file', ?, ?, ?, ?)
                """)
            for sample in plan.samples {
                try insert.execute(arguments: [sample.label.rawValue, sample.text, sample.file, sample.line, now.timeIntervalSince1970])
            }
            return plan.addedPerFile
        }
    }

    public func classifierSummary(topFeatures: Int = 15) throws -> ClassifierSummary {
        let classifier = try classifier()
        return try pool.read { db in
            let counts = try Row.fetchAll(
                db, sql: "SELECT source, label, count(*) AS n FROM classifier_samples WHERE removed_at IS NULL GROUP BY source, label"
            ).map { (source: $0["source"] as String, label: $0["label"] as String, count: $0["n"] as Int) }
            let removed = try Int.fetchOne(db, sql: "SELECT count(*) FROM classifier_samples WHERE removed_at IS NOT NULL") ?? 0
            let last = try Double.fetchOne(db, sql: "SELECT max(max(added_at, coalesce(removed_at, 0))) FROM classifier_samples")
            return ClassifierSummary(
                classifier: classifier, storedCounts: counts, removed: removed, lastTrained: last.map(Date.init(timeIntervalSince1970:)),
                topFeatures: topFeatures)
        }
    }

    /// The stored samples an admin's decisions produced, newest first (for `rules model --json` and tests).
    public func learnedSamples(limit: Int = 100) throws -> [LearnedSample] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT id, label, source, text, case_id, audit_id, file, line, added_at, removed_at FROM classifier_samples
                    ORDER BY id DESC LIMIT ?
                    """, arguments: [limit]
            ).map(StoreDecoding.learnedSample)
        }
    }
}

/// One stored sample.
public struct LearnedSample: Sendable, Equatable {
    public var id: Int64
    public var label: SampleLabel
    /// "admin" or "file".
    public var source: String
    public var text: String
    public var caseID: Int64?
    public var auditID: Int64?
    public var file: String?
    public var line: Int?
    public var addedAt: Date
    public var removedAt: Date?
}

extension SQLiteStore {
    /// The classifier as it stood at `date`: the seed plus the samples added before then and not yet
    /// taken back. `rules replay` judges history with it, so decisions do not grade themselves.
    public func classifier(trainedBefore date: Date) throws -> SpamClassifier {
        try pool.read { db in
            var classifier = SpamClassifier.seeded()
            let ts = date.timeIntervalSince1970
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT id, label, text FROM classifier_samples
                    WHERE added_at < ? AND (removed_at IS NULL OR removed_at >= ?) ORDER BY id
                    """, arguments: [ts, ts])
            while let row = try rows.next() {
                guard let label = SampleLabel(rawValue: row["label"]) else { continue }
                classifier.learn(row["text"], as: label, id: row["id"])
            }
            return classifier
        }
    }

    /// What the admins decided about a group's flagged messages, by event external id: spam (deleted, removed,
    /// banned as spam) or ham (approved), from each case's latest decision that was not undone. Actions the
    /// rules took on their own are not decisions.
    public func messageDecisions(groupID: String) throws -> [String: SampleLabel] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT c.event_external_id AS message, a.action AS action FROM audit_log a
                    JOIN moderation_cases c ON c.id = a.case_id
                    WHERE c.group_id = ? AND c.kind = ? AND c.event_external_id IS NOT NULL AND a.undoes IS NULL AND a.actor != ?
                      AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.id)
                    ORDER BY a.id
                    """, arguments: [groupID, ModerationKind.flaggedMessage.rawValue, ClassifierLearning.automaticActor])
            return ClassifierLearning.decisions(rows.map { (message: $0["message"], action: $0["action"]) })
        }
    }
}
