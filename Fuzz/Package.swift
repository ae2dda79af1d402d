// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer harnesses for carestats' readers (issue 16): the CSV reader, the date parser, the
/// code matcher, the pipeline-file parser and a whole-folder ingest. Built apart from the main
/// package, with the fuzzer and AddressSanitizer: `scripts/fuzz TARGET SECONDS` (docs/fuzzing.md).
let package = Package(
    name: "carestats-fuzz",
    dependencies: [.package(name: "carestats", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "CareStatsStages", package: "carestats")], path: "Sources/FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzDates", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzCodes", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzPipeline", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzIngest", dependencies: ["FuzzSupport"]),
    ]
)
