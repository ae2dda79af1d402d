// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "carestats",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "carestats", targets: ["carestats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libcsv, wrapped once. Only CareCSV imports it.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // Domain values every stage shares: days, periods, code lists, findings.
        .target(name: "CareCore", exclude: ["Resources"]),
        // Stage 1: streaming CSV reading (encoding detection, row and line numbers).
        .target(name: "CareCSV", dependencies: ["CLibCSV"]),
        // Stages 2-3: table recognition, header mapping, value normalisation,
        // validation, quarantine, reconciliation, episodes from intervals.
        .target(name: "CareIngest", dependencies: [
            "CareCore", "CareCSV", "CarePublish",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Output folders: atomic publish, run lock, owner-only private files, CSV writing.
        .target(name: "CarePublish", dependencies: ["CareCore"]),
        // Synthetic LCS-style extracts (never real data).
        .target(name: "CareSynth", dependencies: ["CareCore", "CarePublish"]),
        // The command line: one file per command.
        .executableTarget(name: "carestats", dependencies: [
            "CareCore", "CareIngest", "CareSynth", "CarePublish",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "CareTestSupport", dependencies: ["CareCore"], path: "Tests/CareTestSupport"),
        .testTarget(name: "CareCoreTests", dependencies: ["CareCore", "CareTestSupport"]),
        .testTarget(name: "CareCSVTests", dependencies: ["CareCSV", "CareTestSupport"]),
        .testTarget(name: "CareIngestTests", dependencies: ["CareIngest", "CareCore", "CareCSV", "CareTestSupport", "CarePublish"]),
        .testTarget(name: "CareSynthTests", dependencies: ["CareSynth", "CareIngest", "CareCore", "CareTestSupport"]),
        // Runs the built executable: exit codes, permissions, logs, the `map` contract.
        .testTarget(name: "CareCLITests", dependencies: ["CareCore", "CareTestSupport"]),
    ]
)
