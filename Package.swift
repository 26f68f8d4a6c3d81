// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "qundeck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qundeck", targets: ["qundeck"]),
        .library(name: "QunCore", targets: ["QunCore"]),
        .library(name: "QunStore", targets: ["QunStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // postgres-nio's own dependency; `store migrate` hashes both sides' rows with its MD5.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "QunCore", path: "Sources/QunCore"),
        .target(
            name: "QunStore",
            dependencies: [
                "QunCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Sources/QunStore"),
        // The team backend: the same role protocols on a PostgreSQL server.
        .target(
            name: "QunPostgres",
            dependencies: [
                "QunCore", "QunStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/QunPostgres"),
        .target(name: "QunIngest", dependencies: ["QunCore", "QunStore"], path: "Sources/QunIngest"),
        .target(name: "QunConnect", dependencies: ["QunCore", "QunStore", "QunIngest"], path: "Sources/QunConnect"),
        .target(
            name: "QunTUI",
            dependencies: ["QunCore", "QunStore", "CNcursesw", "TOMLKit"],
            path: "Sources/QunTUI"),
        .executableTarget(
            name: "qundeck",
            dependencies: [
                "QunCore", "QunStore", "QunPostgres", "QunIngest", "QunConnect", "QunTUI", "TOMLKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/qundeck"),
        .testTarget(name: "QunCoreTests", dependencies: ["QunCore"], path: "Tests/QunCoreTests", resources: [.copy("Corpus")]),
        // GRDB to read the SQLite side of the same-behaviour comparisons.
        .testTarget(
            name: "PostgresStoreTests", dependencies: ["QunPostgres", "QunStore", "QunCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/PostgresStoreTests"),
        // The contract suite: every role's behaviour, run once per backend (Tests/QunStoreTests/Support/StoreFactory).
        .testTarget(
            name: "QunStoreTests", dependencies: ["QunStore", "QunCore", "QunPostgres", "StoreTestSupport"],
            path: "Tests/QunStoreTests", swiftSettings: [.define("POSTGRES_CONTRACT")]),
        // What only the SQLite backend has: WAL, file modes, migrations from older SQLite stores, its change watcher.
        .testTarget(
            name: "SQLiteStoreTests",
            dependencies: ["QunStore", "QunCore", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/SQLiteStoreTests"),
        // Instants, events and the sample community the store tests of every backend share.
        .target(name: "StoreTestSupport", dependencies: ["QunStore", "QunCore"], path: "Tests/Support/StoreTestSupport"),
        .testTarget(
            name: "QunIngestTests", dependencies: ["QunIngest", "QunStore", "QunCore"],
            path: "Tests/QunIngestTests", resources: [.copy("Fixtures")]),
        .testTarget(
            name: "QunTUITests", dependencies: ["QunTUI", "QunStore", "QunCore"],
            path: "Tests/QunTUITests", resources: [.copy("Golden")]),
        // Depends on the executable so `swift test` builds the binary the tmux tests drive.
        .testTarget(
            name: "EndToEndTests", dependencies: ["qundeck", "QunPostgres", "TelegramBotDouble", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/EndToEndTests"),
        // A loopback Telegram Bot API for connector tests: a plain target so any test target can depend on it.
        .target(
            name: "TelegramBotDouble", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/Support/TelegramBotDouble"),
        .testTarget(
            name: "TelegramBotDoubleTests", dependencies: ["TelegramBotDouble", "QunIngest", "QunCore"], path: "Tests/TelegramBotDoubleTests"),
        // The connector against the loopback Bot API, in-process (GRDB only to simulate a failing commit).
        .testTarget(
            name: "QunConnectTests",
            dependencies: [
                "QunConnect", "QunStore", "QunCore", "QunIngest", "TelegramBotDouble", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/QunConnectTests"),
    ]
)
