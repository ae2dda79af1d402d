import ArgumentParser
import CareMeasures
import Foundation

struct BenchmarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmarks",
        abstract: "Benchmarks to set beside the council's figures: England, regions, statistical neighbours.",
        subcommands: [ImportBenchmarksCommand.self])
}

struct ImportBenchmarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read the DfE's open-data CSVs (explore-education-statistics) into one benchmark file in the simple form.",
        discussion: """
        Each file's rows become carestats figures through the mapping shipped with carestats \
        (Sources/CareMeasures/Resources/benchmarks/dfe-open-data.csv). Values the DfE did not publish \
        (c, k, x, z, u, low) are left out. The output has the columns \
        measure,period,dimension,category,area_level,area_code,area_name,region_code,value (docs/benchmarks.md).

        Examples:
          carestats benchmarks import downloads/la_cla_on_31_march_by_characteristics.csv --out benchmarks.csv
          carestats benchmarks import downloads/*.csv --out pipelines/benchmarks.csv
          carestats benchmarks import downloads/*.csv --mapping my-mapping.csv --out benchmarks.csv

        --mapping adds lines of your own (same columns as the shipped mapping) after the shipped ones, \
        for a file or a renamed category the shipped mapping does not know.
        """)

    @Argument(help: "The DfE open-data CSV files.")
    var files: [String]

    @Option(name: .long, help: "The benchmark file to write (replaced whole when the import succeeds).")
    var out: String

    @Option(name: .long, help: "A mapping file of your own, read after the shipped one (columns file,filters,indicator,measure,dimension,category); may be repeated.")
    var mapping: [String] = []

    func run() throws {
        let urls = files.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let target = URL(fileURLWithPath: out).standardizedFileURL
        if urls.contains(target) { throw ValidationError("--out \(out) is one of the files being read; choose another name.") }
        let (benchmarks, reports): (Benchmarks, [OpenDataImport.FileReport])
        do {
            var lines = OpenDataMapping.standard
            for path in mapping {
                let url = URL(fileURLWithPath: path)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw DataFileError(file: url.lastPathComponent, "cannot be read as UTF-8 text.")
                }
                lines += try OpenDataMapping.parse(text, file: url.lastPathComponent)
            }
            (benchmarks, reports) = try OpenDataImport.read(urls, mapping: lines)
        } catch let e as DataFileError {
            FileHandle.standardError.write(Data("ERROR: \(e)\n".utf8))
            throw ExitCode(2)
        }
        // Written beside the target, then renamed: a reader never sees half a file.
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        try Data(benchmarks.csv().utf8).write(to: temporary)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: temporary, to: target)
        for r in reports {
            FileHandle.standardError.write(Data("\(r.file): \(r.values) values\(r.unpublished > 0 ? ", \(r.unpublished) not published by the DfE (c, k, x, z, u or low)" : "")\n".utf8))
        }
        FileHandle.standardError.write(Data("wrote \(benchmarks.values.count) values to \(out)\n".utf8))
    }
}
