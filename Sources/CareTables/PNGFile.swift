import Foundation
import ZIPFoundation

/// Writes a chart's pixels as a PNG file (the PNG specification, ISO/IEC 15948): one IHDR, one
/// IDAT, one IEND. A chart is flat colours on an opaque white ground, so its rows are written
/// unfiltered and compressed by zlib at its fastest level, as RGB when every pixel is opaque and
/// RGBA otherwise (colour un-premultiplied exactly as cairo's own PNG writer does it, so the
/// picture is the one `rsvg-convert` writes). libpng's default (every filter tried on each row,
/// zlib level 6) took four times as long for files a fifth smaller.
enum PNGFile {
    /// The zlib level: 1, its fastest.
    static let level: Int32 = 1

    /// The PNG of `pixels`; nil when zlib fails.
    static func encode(_ pixels: CairoPixels, zlib: LibRSVG) -> Data? {
        let (width, height) = (pixels.width, pixels.height)
        var opaque = true
        for y in 0..<height where opaque {
            for x in 0..<width where pixels.argb(x, y) >> 24 != 0xFF { opaque = false; break }
        }
        let channels = opaque ? 3 : 4
        let rowBytes = 1 + width * channels
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { raw in
            for y in 0..<height {
                var o = y * rowBytes + 1   // after the row's filter byte (0: none)
                for x in 0..<width {
                    let p = pixels.argb(x, y)
                    let a = p >> 24
                    var (r, g, b) = ((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF)
                    if a == 0 {
                        (r, g, b) = (0, 0, 0)
                    } else if a != 0xFF {
                        // cairo's unpremultiply_data.
                        r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                    }
                    raw[o] = UInt8(r); raw[o + 1] = UInt8(g); raw[o + 2] = UInt8(b)
                    if channels == 4 { raw[o + 3] = UInt8(a) }
                    o += channels
                }
            }
        }
        var compressedSize = zlib.compressBound(UInt(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        let status = compressed.withUnsafeMutableBufferPointer { out in
            raw.withUnsafeBufferPointer { zlib.compress(out.baseAddress, &compressedSize, $0.baseAddress, UInt($0.count), level) }
        }
        guard status == 0 else { return nil }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width)); header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, opaque ? 2 : 6, 0, 0, 0])   // 8 bits, RGB or RGBA, deflate, no filter set, no interlace
        chunk("IHDR", header, to: &png)
        chunk("IDAT", Data(compressed[0..<Int(compressedSize)]), to: &png)
        chunk("IEND", Data(), to: &png)
        return png
    }

    private static func chunk(_ type: String, _ body: Data, to png: inout Data) {
        png.appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        png.append(typed)
        png.appendBigEndian(typed.crc32(checksum: 0))   // PNG's CRC is the zip format's (ISO 3309)
    }
}

private extension Data {
    mutating func appendBigEndian(_ v: UInt32) {
        append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
    }
}
