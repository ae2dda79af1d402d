@testable import CareTables
import CareTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZIPFoundation

/// Charts drawn inside the process (librsvg opened with dlopen, PNG written by `PNGFile`) are
/// the pictures `rsvg-convert` draws, pixel for pixel (issue 12: most of a council's pack was
/// its charts).
@Suite struct ChartRasteriserTests {
    static var both: Bool { ChartRasteriser.tool != nil && LibRSVG.shared != nil }

    /// The board pack's charts and two of its trend lines.
    static func pictures() throws -> [String] {
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let trends = tables.flatMap { $0.rows.compactMap { $0.cells.last.flatMap { $0.kind == .sparkline ? SVGChart.sparkline($0) : nil } } }
        return tables.compactMap { SVGChart.render($0) } + trends.prefix(2)
    }

    @Test(.enabled(if: both, "rsvg-convert or librsvg is not installed (Debian package librsvg2-bin)"))
    func aChartDrawnInsideTheProcessIsThePictureRsvgConvertDraws() throws {
        let library = LibRSVG.shared!
        let svgs = try Self.pictures()
        #expect(svgs.count >= 4)
        for svg in svgs {
            let process = try #require(ChartRasteriser.pngByProcess(svg: svg))
            // librsvg in the process draws what rsvg-convert draws, byte for byte with cairo's writer …
            #expect(library.cairoPNG(svg: svg, zoom: 2) == process)
            // … and PNGFile writes the same pixels.
            let inside = try #require(library.png(svg: svg, zoom: 2))
            let ours = try #require(Self.pixels(of: inside)), theirs = try #require(Self.pixels(of: process))
            #expect(ours.width == theirs.width && ours.height == theirs.height && ours.width > 0)
            let samePixels = ours.rgba == theirs.rgba   // (compared outside #expect: a failure would print every byte)
            #expect(samePixels)
        }
    }

    @Test(.enabled(if: LibRSVG.shared != nil, "librsvg is not installed (Debian package librsvg2-bin)"))
    func aPictureWithSeeThroughPixelsKeepsThem() throws {
        // No white ground: the pixels around the circle are transparent, its edge half so.
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"><circle cx=\"20\" cy=\"15\" r=\"9\" fill=\"#1f77b4\" fill-opacity=\"0.6\"/></svg>"
        let library = LibRSVG.shared!
        let png = try #require(library.png(svg: svg, zoom: 2)), cairoPNG = try #require(library.cairoPNG(svg: svg, zoom: 2))
        let ours = try #require(Self.pixels(of: png)), cairos = try #require(Self.pixels(of: cairoPNG))
        #expect(ours.width == 80 && ours.height == 60)
        let samePixels = ours.rgba == cairos.rgba
        #expect(samePixels)
        #expect(ours.rgba[3] == 0 && ours.rgba[(30 * 80 + 40) * 4 + 3] == 153)
    }

    @Test(.enabled(if: LibRSVG.shared != nil, "librsvg is not installed (Debian package librsvg2-bin)"))
    func whatIsNoPictureDrawsNothing() {
        #expect(LibRSVG.shared!.png(svg: "not an svg", zoom: 2) == nil)
        #expect(LibRSVG.shared!.png(svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\"/>", zoom: 2) == nil)
    }

    /// zlib's `uncompress(dest, &destLen, source, sourceLen)`, opened as `LibRSVG` opens zlib (the
    /// tests' only use of it: reading PNGs back).
    static let uncompress: @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt) -> Int32 = {
        unsafeBitCast(dlsym(dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL), "uncompress")!,
                      to: (@convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt) -> Int32).self)
    }()

    /// A PNG of 8-bit RGB or RGBA read back to RGBA (every filter undone), to compare pixels; nil
    /// when a chunk's CRC is wrong (a viewer would refuse the file).
    static func pixels(of png: Data) -> (width: Int, height: Int, rgba: [UInt8])? {
        let bytes = [UInt8](png)
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        guard bytes.count > 33, bytes[0] == 0x89 else { return nil }
        let width = u32(16), height = u32(20), colourType = bytes[25]
        guard bytes[24] == 8, colourType == 2 || colourType == 6, bytes[28] == 0 else { return nil }
        let channels = colourType == 6 ? 4 : 3
        var idat: [UInt8] = [], at = 8
        while at + 8 <= bytes.count {
            let length = u32(at), type = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
            guard at + 12 + length <= bytes.count,
                  UInt32(u32(at + 8 + length)) == Data(bytes[at + 4..<at + 8 + length]).crc32(checksum: 0) else { return nil }
            if type == "IDAT" { idat += bytes[at + 8..<at + 8 + length] }
            at += 12 + length
        }
        guard at == bytes.count, bytes.suffix(8) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82] else { return nil }   // ends with IEND
        let rowBytes = 1 + width * channels
        var rawSize = UInt(rowBytes * height)
        var raw = [UInt8](repeating: 0, count: Int(rawSize))
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { uncompress(out.baseAddress, &rawSize, $0.baseAddress, UInt($0.count)) }
        }
        guard status == 0, Int(rawSize) == rowBytes * height else { return nil }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        var previous = [UInt8](repeating: 0, count: width * channels)
        for y in 0..<height {
            let filter = raw[y * rowBytes]
            var row = Array(raw[y * rowBytes + 1..<(y + 1) * rowBytes])
            for i in row.indices {
                let a = i >= channels ? Int(row[i - channels]) : 0, b = Int(previous[i]), c = i >= channels ? Int(previous[i - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                default:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                }
                row[i] = UInt8((Int(row[i]) + predicted) & 0xFF)
            }
            for x in 0..<width { for k in 0..<channels { rgba[(y * width + x) * 4 + k] = row[x * channels + k] } }
            previous = row
        }
        return (width, height, rgba)
    }
}
