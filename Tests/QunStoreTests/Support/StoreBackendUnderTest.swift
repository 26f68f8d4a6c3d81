/// The backends the contract suite runs against. PostgreSQL joins once `PostgresStore` implements every role
/// (build with `-Xswiftc -DPOSTGRES_CONTRACT` until then).
enum StoreBackendUnderTest: String, Sendable {
    case sqlite
    #if POSTGRES_CONTRACT
    case postgres
    #endif
}
