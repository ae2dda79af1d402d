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
        // A chart is opaque: its rows are made as RGB in one pass, made again as RGBA only when a
        // row holds a pixel that is not.
        let rgb = rows(pixels, alpha: false)
        let opaque = rgb != nil
        let raw = rgb ?? rows(pixels, alpha: true)!
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

    /// The picture's rows as PNG holds them unfiltered: a filter byte (0, none), then each pixel's
    /// red, green, blue (and alpha) bytes. Without alpha, nil at the first row with a pixel that
    /// is not opaque.
    private static func rows(_ pixels: CairoPixels, alpha: Bool) -> [UInt8]? {
        let channels = alpha ? 4 : 3
        let rowBytes = 1 + pixels.width * channels
        var raw = [UInt8](repeating: 0, count: rowBytes * pixels.height)
        let whole = raw.withUnsafeMutableBufferPointer { raw -> Bool in
            guard let start = raw.baseAddress else { return true }
            for y in 0..<pixels.height {
                let row = UnsafeRawPointer(pixels.data + y * pixels.stride)
                var o = start + y * rowBytes + 1
                if alpha {
                    for x in 0..<pixels.width {
                        let p = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                        let a = p >> 24
                        var (r, g, b) = ((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF)
                        if a == 0 {
                            (r, g, b) = (0, 0, 0)
                        } else if a != 0xFF {
                            // cairo's unpremultiply_data.
                            r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                        }
                        o[0] = UInt8(r); o[1] = UInt8(g); o[2] = UInt8(b); o[3] = UInt8(a)
                        o += 4
                    }
                } else {
                    // An opaque pixel's colour is cairo's as it stands (premultiplied by 255).
                    var opaque: UInt32 = 0xFF00_0000
                    for x in 0..<pixels.width {
                        let p = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                        opaque &= p
                        o[0] = UInt8(truncatingIfNeeded: p >> 16); o[1] = UInt8(truncatingIfNeeded: p >> 8); o[2] = UInt8(truncatingIfNeeded: p)
                        o += 3
                    }
                    if opaque != 0xFF00_0000 { return false }
                }
            }
            return true
        }
        return whole ? raw : nil
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
