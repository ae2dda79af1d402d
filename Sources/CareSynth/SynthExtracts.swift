import CareCore
import Foundation

/// Generates a council and writes it as clean or messy extracts into a folder.
public enum SynthExtracts {
    /// Returns the council written (for tests and summaries).
    @discardableResult
    public static func generate(_ config: SynthConfig, messy: Bool, to folder: URL) throws -> SynthCouncil {
        var generator = CouncilGenerator(config: config)
        let council = generator.generate()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if messy {
            var writer = MessyExtractWriter(seed: config.seed)
            try writer.write(council, to: folder)
        } else {
            try CleanExtractWriter.write(council, to: folder)
        }
        return council
    }
}
