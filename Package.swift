// swift-tools-version: 6.0
import PackageDescription

/// The ingest hot path runs once per cell of a national extract. Its classes are confined to one
/// thread, so release builds of CareCore, CareCSV and CareIngest skip the dynamic exclusivity
/// checks: measured there at about 10% of ingest (scripts/bench, docs/performance.md), and used
/// nowhere it was not measured. Debug builds, and so every test run, keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "carestats",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "carestats", targets: ["carestats"]),
        .executable(name: "carestats-bench", targets: ["CareBench"]),
        // The stages as a library, for the fuzzing harnesses (Fuzz/Package.swift, scripts/fuzz).
        .library(name: "CareStatsStages", targets: ["CareCore", "CareCSV", "CareIngest", "CareDerive", "CarePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libcsv, wrapped once. Only CareCSV imports it.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // libpq, PostgreSQL's client library: the shared figure history. Only CareStore imports it.
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        // OpenSSL's libcrypto: SHA-256 and HMAC-SHA-256. Only CarePublish imports it.
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
        // Domain values every stage shares: days, periods, code lists, findings.
        .target(name: "CareCore", exclude: ["Resources"], swiftSettings: hotPath),
        // Stage 1: streaming CSV reading (encoding detection, row and line numbers).
        .target(name: "CareCSV", dependencies: ["CLibCSV", "CSystemShims"], swiftSettings: hotPath),
        // Stages 2-3: table recognition, header mapping, value normalisation,
        // validation, quarantine, reconciliation, episodes from intervals.
        .target(name: "CareIngest", dependencies: [
            "CareCore", "CareCSV", "CarePublish", "CSystemShims",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: hotPath),
        // Stage 4: periods of care, placements, ages, sorted histories.
        .target(name: "CareDerive", dependencies: ["CareCore", "CSystemShims"]),
        // Stage 5: the measure catalogue, comparisons, figures.csv.
        .target(name: "CareMeasures", dependencies: ["CareCore", "CareDerive", "CarePublish"], exclude: ["Resources"]),
        // Stage 6-7: board tables, suppression, renderers (CSV, Markdown, HTML+SVG, XLSX, DOCX).
        .target(name: "CareTables", dependencies: ["CareCore", "CareMeasures", "CarePublish", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                exclude: ["Resources"]),
        // Pipeline files, and the run: lock → ingest → derive → measures → tables → render → store → publish.
        .target(name: "CarePipeline", dependencies: ["CareCore", "CareIngest", "CareDerive", "CareMeasures", "CareTables", "CarePublish",
                                                    "CareStore", "CareReturns", .product(name: "Yams", package: "Yams"),
                                                    .product(name: "Logging", package: "swift-log")]),
        // Stage 8: the figure history (embedded SQLite), published runs and revisions.
        .target(name: "CareStore", dependencies: ["CareCore", "CareMeasures", "CarePublish", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")]),
        // Statutory returns rebuilt from the canonical tables: the SSDA903.
        .target(name: "CareReturns", dependencies: ["CareCore", "CarePublish"]),
        // Output folders: atomic publish, run lock, owner-only private files, CSV writing.
        .target(name: "CarePublish", dependencies: ["CareCore", "CSystemShims", "COpenSSL"]),
        // renameat2(RENAME_EXCHANGE), for swapping a published folder atomically; a prefetch hint;
        // the allocator told to return large freed blocks; the restart with 2 MB memory pages; the
        // scan's count of line ends sixteen bytes at a time.
        .target(name: "CSystemShims"),
        // Synthetic LCS-style extracts (never real data).
        .target(name: "CareSynth", dependencies: ["CareCore", "CarePublish"]),
        // The command line: one file per command.
        .executableTarget(name: "carestats", dependencies: [
            "CareCore", "CareCSV", "CareIngest", "CareSynth", "CarePublish", "CareDerive", "CareMeasures", "CareTables", "CarePipeline", "CareStore", "CareReturns",
            "CSystemShims",
            .product(name: "Yams", package: "Yams"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmark figures for scripts/bench (timings are never asserted in tests).
        .executableTarget(name: "CareBench", dependencies: ["CareCore", "CareCSV", "CareIngest", "CareDerive", "CareMeasures"]),
        .target(name: "CareTestSupport", dependencies: ["CareCore"], path: "Tests/CareTestSupport"),
        .testTarget(name: "CareCoreTests", dependencies: ["CareCore", "CareTestSupport"]),
        .testTarget(name: "CareCSVTests", dependencies: ["CareCSV", "CSystemShims", "CareTestSupport"]),
        .testTarget(name: "CareDeriveTests", dependencies: ["CareDerive", "CareCore", "CareTestSupport"]),
        .testTarget(name: "CareIngestTests", dependencies: ["CareIngest", "CareDerive", "CareCore", "CareCSV", "CareTestSupport", "CarePublish"]),
        .testTarget(name: "CareMeasuresTests", dependencies: ["CareMeasures", "CareDerive", "CareIngest", "CareCore", "CareSynth", "CareTestSupport"]),
        .testTarget(name: "CareTablesTests", dependencies: ["CareTables", "CarePipeline", "CareMeasures", "CareDerive", "CareIngest", "CareCore", "CareTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "CareStoreTests", dependencies: ["CareStore", "CareMeasures", "CareCore", "CareTestSupport"]),
        .testTarget(name: "CareReturnsTests", dependencies: ["CareReturns", "CareIngest", "CareCore", "CareTestSupport"]),
        .testTarget(name: "CareSynthTests", dependencies: ["CareSynth", "CareIngest", "CareCore", "CareTestSupport"]),
        // Runs the built executable: exit codes, permissions, logs, the `map` contract.
        .testTarget(name: "CareCLITests", dependencies: ["CareCore", "CareTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
