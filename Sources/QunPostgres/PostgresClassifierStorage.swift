import Foundation
import QunCore
import QunStore

/// The spam classifier's samples and the model built from them, as SQLite's `ClassifierStore`: the model is
/// kept in `classifierCache` and only learns the rows added since (or is rebuilt when one was taken back).
extension PostgresStore: ClassifierStorage {
    public func classifier() throws -> SpamClassifier {
        try read { s in try classifierAndStamp(in: s).classifier }
    }

    /// The classifier and the stamp of the samples it holds: the newest sample's id and how many were taken back.
    func classifierAndStamp(in s: PostgresSession) throws -> (classifier: SpamClassifier, lastSample: Int64, removed: Int) {
        let stamp = try s.queryOne("SELECT coalesce(max(id), 0)::bigint AS last, count(removed_at) AS removed FROM classifier_samples")!
        let last = try stamp.int64("last")
        let removed = try stamp.int("removed")
        let (classifier, _) = try classifierCache.classifierAndStamp(ClassifierStamp(lastSample: last, removed: removed)) { after, classifier in
            try Self.learnSamples(
                "SELECT id, label, text FROM classifier_samples WHERE id > $1 AND removed_at IS NULL ORDER BY id", [.int(after)],
                into: &classifier, in: s)
        }
        return (classifier, last, removed)
    }

    private static func learnSamples(_ sql: String, _ binds: [PGValue], into classifier: inout SpamClassifier, in s: PostgresSession) throws {
        for row in try s.query(sql, binds) {
            guard let label = SampleLabel(rawValue: try row.string("label")) else { continue }
            classifier.learn(try row.string("text"), as: label, id: try row.int64("id"))
        }
    }

    public func classifier(trainedBefore date: Date) throws -> SpamClassifier {
        try read { s in
            var classifier = SpamClassifier.seeded()
            try Self.learnSamples(
                """
                SELECT id, label, text FROM classifier_samples
                WHERE added_at < $1 AND (removed_at IS NULL OR removed_at >= $1) ORDER BY id
                """, [.double(date.timeIntervalSince1970)], into: &classifier, in: s)
            return classifier
        }
    }

    @discardableResult
    public func learnSamples(_ imports: [SampleFileImport], now: Date) throws -> [Int] {
        try write { s in
            // One file import at a time, so two admins learning the same file do not store its lines twice.
            try s.execute("LOCK TABLE classifier_samples IN SHARE ROW EXCLUSIVE MODE")
            let known = try s.query("SELECT label, text FROM classifier_samples WHERE removed_at IS NULL").map {
                (label: try $0.string("label"), text: try $0.string("text"))
            }
            let plan = SampleImportPlan(imports, known: known)
            if !plan.samples.isEmpty {
                try s.execute(
                    """
                    INSERT INTO classifier_samples (label, source, text, file, line, added_at)
                    SELECT label, 'file', text, file, line, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
                        WITH ORDINALITY AS t(label, text, file, line, n)
                    ORDER BY n
                    """,
                    [
                        .textArray(plan.samples.map(\.label.rawValue)), .textArray(plan.samples.map(\.text)),
                        .textArray(plan.samples.map(\.file)), .intArray(plan.samples.map { Int64($0.line) }),
                        .double(now.timeIntervalSince1970),
                    ])
            }
            return plan.addedPerFile
        }
    }

    public func classifierSummary(topFeatures: Int) throws -> ClassifierSummary {
        let classifier = try classifier()
        return try read { s in
            let counts = try s.query(
                "SELECT source, label, count(*) AS n FROM classifier_samples WHERE removed_at IS NULL GROUP BY source, label"
            ).map { (source: try $0.string("source"), label: try $0.string("label"), count: try $0.int("n")) }
            let removed = Int(try s.scalar("SELECT count(*) FROM classifier_samples WHERE removed_at IS NOT NULL", as: Int64.self) ?? 0)
            let last = try s.scalar(
                "SELECT max(greatest(added_at, coalesce(removed_at, 0))) FROM classifier_samples", as: Double.self)
            return ClassifierSummary(
                classifier: classifier, storedCounts: counts, removed: removed, lastTrained: last.map(Date.init(timeIntervalSince1970:)),
                topFeatures: topFeatures)
        }
    }

    public func learnedSamples(limit: Int) throws -> [LearnedSample] {
        try read { s in
            try s.query(
                """
                SELECT id, label, source, text, case_id, audit_id, file, line, added_at, removed_at FROM classifier_samples
                ORDER BY id DESC LIMIT $1
                """, [.int(Int64(limit))]
            ).map(StoreDecoding.learnedSample)
        }
    }

    public func messageDecisions(groupID: String) throws -> [String: SampleLabel] {
        try read { s in
            let rows = try s.query(
                """
                SELECT c.event_external_id AS message, a.action AS action FROM audit_log a
                JOIN moderation_cases c ON c.id = a.case_id
                WHERE c.group_id = $1 AND c.kind = $2 AND c.event_external_id IS NOT NULL AND a.undoes IS NULL AND a.actor != $3
                  AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.id)
                ORDER BY a.id
                """, [.text(groupID), .text(ModerationKind.flaggedMessage.rawValue), .text(ClassifierLearning.automaticActor)])
            return ClassifierLearning.decisions(try rows.map { (message: try $0.string("message"), action: try $0.string("action")) })
        }
    }
}
