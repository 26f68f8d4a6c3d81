// The contract suite on PostgreSQL: each class runs every test of its SQLite original against a fresh schema of
// the test server (`PostgresStore.temporary()`, dropped when the test ends). Compiled once `PostgresStore`
// implements every role: until then build with `-Xswiftc -DPOSTGRES_CONTRACT` to try it.
//
// Each class declares one test of its own: on Linux, SwiftPM's test discovery lists a subclass's inherited tests
// only when the subclass declares a test itself (one that only overrides `backend` runs nothing at all).
#if POSTGRES_CONTRACT

final class PostgresAppendIdempotencyTests: AppendIdempotencyTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresAppendPullingTests: AppendPullingTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresCampaignProgressTests: CampaignProgressTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresCampaignRewardTests: CampaignRewardTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresCampaignStoreTests: CampaignStoreTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresChangeFeedTests: ChangeFeedTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresCheckinStreakTests: CheckinStreakTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresClassifierAtIngestTests: ClassifierAtIngestTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresClassifierLearningTests: ClassifierLearningTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresConcurrentWriterTests: ConcurrentWriterTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresContentAnalysisTests: ContentAnalysisTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresCrossGroupDuplicateAtIngestTests: CrossGroupDuplicateAtIngestTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresEventReadingTests: EventReadingTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresGroupStatsTests: GroupStatsTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresIngestCursorTests: IngestCursorTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresGroupTotalsTests: GroupTotalsTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresMemberBatchTests: MemberBatchTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresMemberDerivationTests: MemberDerivationTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresMemberInsightTests: MemberInsightTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresModerationActionTests: ModerationActionTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresModerationQueueTests: ModerationQueueTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresOutOfOrderImportTests: OutOfOrderImportTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresOutboxQueueTests: OutboxQueueTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresRulesAtIngestTests: RulesAtIngestTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresSchedulerLeaseTests: SchedulerLeaseTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresSplitContactAtIngestTests: SplitContactAtIngestTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

final class PostgresStoreOpeningTests: StoreOpeningTests {
    override class var backend: StoreBackendUnderTest { .postgres }
    func testStoresArePostgreSQL() throws { try assertStoresAreOfTheClassBackend() }
}

#endif
