import CareCore
import Foundation

/// Turns SVG charts into PNG with librsvg, when the platform has it: inside the process
/// (`LibRSVG`), else by running `rsvg-convert`.
public enum ChartRasteriser {
    /// The `rsvg-convert` executable, if installed.
    public static var tool: URL? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        for dir in dirs {
            let url = URL(fileURLWithPath: dir).appendingPathComponent("rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Opens librsvg and sets up its fonts on another thread (a small picture with text, drawn and
    /// thrown away), so that a run's first chart does not wait for them: they took 50-80 ms of
    /// the charts' time in a council's run, on the run's critical path. Called when a run that
    /// draws charts starts; does nothing without the libraries (charts then use `rsvg-convert`).
    /// The caller waits for it (`value()`) before the process can exit, however the run ends:
    /// libraries cleaned up at exit while another thread is still setting them up can abort the
    /// process (a run that found its folder locked, and so ended at once, did).
    public static func prepareInBackground() -> StartedWork<Void> {
        StartedWork {
            _ = LibRSVG.shared?.png(svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"16\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"11\"><text x=\"2\" y=\"12\" font-weight=\"bold\">0 %</text></svg>", zoom: 1)
        }
    }

    /// PNG bytes of an SVG at twice its size (sharp when printed), or nil when it cannot be made:
    /// drawn by librsvg inside the process when the machine has it, else by `rsvg-convert`.
    public static func png(svg: String) -> Data? {
        if let library = LibRSVG.shared { return library.png(svg: svg, zoom: 2) }
        return pngByProcess(svg: svg)
    }

    /// `png(svg:)` drawn by a `rsvg-convert` process.
    static func pngByProcess(svg: String) -> Data? {
        guard let tool else { return nil }
        let p = Process()
        p.executableURL = tool
        p.arguments = ["--zoom=2", "--format=png"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(svg.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 && !data.isEmpty ? data : nil
    }

    /// Width and height in pixels from an SVG's `width`/`height` attributes.
    public static func size(svg: String) -> (Int, Int) {
        func attr(_ name: String) -> Int {
            guard let r = svg.range(of: "\(name)=\"") else { return 0 }
            return Int(svg[r.upperBound...].prefix { $0.isNumber }) ?? 0
        }
        return (attr("width"), attr("height"))
    }
}
