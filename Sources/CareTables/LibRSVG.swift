import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// librsvg and cairo, the libraries `rsvg-convert` is made of, opened inside this process (with
/// `dlopen`, when the machine has them), and zlib. A chart is drawn by librsvg as `rsvg-convert
/// --zoom=2` draws it (the same pixels, at the same size: `ChartRasteriserTests` compares them),
/// and written as PNG by `PNGFile`, which compresses a chart's flat colours in a quarter of the
/// time libpng's best effort took (most of what a board pack's charts cost).
///
/// One picture drawn at a time (`lock`): librsvg's fonts and cairo's are set up for the process
/// once, and are not promised to be safe to share between threads. Written out to PNG at once.
final class LibRSVG: @unchecked Sendable {
    /// The libraries, once opened; nil when the machine lacks one (then `rsvg-convert` is run).
    static let shared: LibRSVG? = {
        #if os(Linux)
        if ProcessInfo.processInfo.environment["CARESTATS_RSVG_PROCESS"] == "1" { return nil }
        return LibRSVG()
        #else
        return nil
        #endif
    }()

    private typealias NewFromData = @convention(c) (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?
    private typealias IntrinsicSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32
    private typealias RenderDocument = @convention(c) (OpaquePointer?, OpaquePointer?, UnsafeRawPointer?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    private typealias SurfaceCreate = @convention(c) (Int32, Int32, Int32) -> OpaquePointer?
    private typealias ContextCreate = @convention(c) (OpaquePointer?) -> OpaquePointer?
    private typealias Scale = @convention(c) (OpaquePointer?, Double, Double) -> Void
    private typealias Release = @convention(c) (OpaquePointer?) -> Void
    private typealias Status = @convention(c) (OpaquePointer?) -> Int32
    typealias WriteFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> Int32
    private typealias WritePNG = @convention(c) (OpaquePointer?, WriteFunction?, UnsafeMutableRawPointer?) -> Int32
    private typealias SurfaceData = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<UInt8>?
    private typealias SurfaceStride = @convention(c) (OpaquePointer?) -> Int32
    /// zlib's `compress2(dest, &destLen, source, sourceLen, level)` and `compressBound(sourceLen)`.
    typealias Compress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt, Int32) -> Int32
    typealias CompressBound = @convention(c) (UInt) -> UInt

    private let newFromData: NewFromData, intrinsicSize: IntrinsicSize, renderDocument: RenderDocument
    private let surfaceCreate: SurfaceCreate, contextCreate: ContextCreate, scale: Scale
    private let contextDestroy: Release, surfaceDestroy: Release, surfaceStatus: Status, writePNG: WritePNG
    private let objectUnref: Release, errorFree: Release, surfaceFlush: Release
    private let surfaceData: SurfaceData, surfaceStride: SurfaceStride
    let compress: Compress, compressBound: CompressBound
    private let lock = NSLock()

    private init?() {
        guard let rsvg = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL),
              let cairo = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL),
              let gobject = dlopen("libgobject-2.0.so.0", RTLD_NOW | RTLD_LOCAL),
              let glib = dlopen("libglib-2.0.so.0", RTLD_NOW | RTLD_LOCAL),
              let zlib = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL) else { return nil }
        func symbol<T>(_ library: UnsafeMutableRawPointer, _ name: String, as: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let newFromData = symbol(rsvg, "rsvg_handle_new_from_data", as: NewFromData.self),
              let intrinsicSize = symbol(rsvg, "rsvg_handle_get_intrinsic_size_in_pixels", as: IntrinsicSize.self),
              let renderDocument = symbol(rsvg, "rsvg_handle_render_document", as: RenderDocument.self),
              let surfaceCreate = symbol(cairo, "cairo_image_surface_create", as: SurfaceCreate.self),
              let contextCreate = symbol(cairo, "cairo_create", as: ContextCreate.self),
              let scale = symbol(cairo, "cairo_scale", as: Scale.self),
              let contextDestroy = symbol(cairo, "cairo_destroy", as: Release.self),
              let surfaceDestroy = symbol(cairo, "cairo_surface_destroy", as: Release.self),
              let surfaceStatus = symbol(cairo, "cairo_surface_status", as: Status.self),
              let writePNG = symbol(cairo, "cairo_surface_write_to_png_stream", as: WritePNG.self),
              let objectUnref = symbol(gobject, "g_object_unref", as: Release.self),
              let errorFree = symbol(glib, "g_error_free", as: Release.self),
              let surfaceFlush = symbol(cairo, "cairo_surface_flush", as: Release.self),
              let surfaceData = symbol(cairo, "cairo_image_surface_get_data", as: SurfaceData.self),
              let surfaceStride = symbol(cairo, "cairo_image_surface_get_stride", as: SurfaceStride.self),
              let compress = symbol(zlib, "compress2", as: Compress.self),
              let compressBound = symbol(zlib, "compressBound", as: CompressBound.self) else { return nil }
        self.newFromData = newFromData; self.intrinsicSize = intrinsicSize; self.renderDocument = renderDocument
        self.surfaceCreate = surfaceCreate; self.contextCreate = contextCreate; self.scale = scale
        self.contextDestroy = contextDestroy; self.surfaceDestroy = surfaceDestroy; self.surfaceStatus = surfaceStatus
        self.writePNG = writePNG; self.objectUnref = objectUnref; self.errorFree = errorFree
        self.surfaceFlush = surfaceFlush; self.surfaceData = surfaceData; self.surfaceStride = surfaceStride
        self.compress = compress; self.compressBound = compressBound
    }

    /// The SVG drawn `zoom` times its size, as PNG bytes; nil when librsvg cannot read or draw it.
    func png(svg: String, zoom: Double) -> Data? {
        withSurface(svg: svg, zoom: zoom) { surface in
            guard let data = surfaceData(surface.pointer) else { return nil }
            return PNGFile.encode(CairoPixels(data: UnsafePointer(data), width: surface.width, height: surface.height,
                                              stride: Int(surfaceStride(surface.pointer))), zlib: self)
        }
    }

    /// The SVG drawn as `png(svg:zoom:)` draws it, written by cairo's own PNG writer (as
    /// `rsvg-convert` writes it: the tests compare the two).
    func cairoPNG(svg: String, zoom: Double) -> Data? {
        withSurface(svg: svg, zoom: zoom) { writeCairoPNG($0.pointer) }
    }

    /// Draws the SVG `zoom` times its size onto a cairo surface and hands it to `body`; nil when
    /// librsvg cannot read or draw it. Only the drawing holds the lock: pictures drawn on several
    /// cores are written out at once.
    private func withSurface(svg: String, zoom: Double, _ body: ((pointer: OpaquePointer, width: Int, height: Int)) -> Data?) -> Data? {
        guard let surface = drawnSurface(svg: svg, zoom: zoom) else { return nil }
        defer { surfaceDestroy(surface.pointer) }
        return body(surface)
    }

    /// A cairo image surface with the SVG drawn on it (the caller destroys it), or nil.
    private func drawnSurface(svg: String, zoom: Double) -> (pointer: OpaquePointer, width: Int, height: Int)? {
        lock.lock(); defer { lock.unlock() }
        var error: OpaquePointer?
        let bytes = Array(svg.utf8)
        guard let handle = bytes.withUnsafeBufferPointer({ newFromData($0.baseAddress, $0.count, &error) }) else {
            if let error { errorFree(error) }
            return nil
        }
        defer { objectUnref(handle) }
        var width = 0.0, height = 0.0
        guard intrinsicSize(handle, &width, &height) != 0, width > 0, height > 0 else { return nil }
        let pixelsWide = Int32((width * zoom).rounded(.up)), pixelsHigh = Int32((height * zoom).rounded(.up))
        guard let surface = surfaceCreate(0 /* CAIRO_FORMAT_ARGB32 */, pixelsWide, pixelsHigh) else { return nil }
        guard surfaceStatus(surface) == 0, let context = contextCreate(surface) else { surfaceDestroy(surface); return nil }
        scale(context, zoom, zoom)
        // The viewport: the document at its own size (RsvgRectangle: x, y, width, height).
        let viewport: [Double] = [0, 0, width, height]
        let drawn = viewport.withUnsafeBytes { renderDocument(handle, context, $0.baseAddress, &error) }
        contextDestroy(context)
        if let error { errorFree(error) }
        guard drawn != 0 else { surfaceDestroy(surface); return nil }
        surfaceFlush(surface)
        return (surface, Int(pixelsWide), Int(pixelsHigh))
    }

    /// Where cairo's PNG writer leaves the bytes.
    private final class Output { var data = Data() }

    private func writeCairoPNG(_ surface: OpaquePointer) -> Data? {
        let output = Output()
        let written = writePNG(surface, { closure, data, length in
            guard let closure, let data else { return 11 /* CAIRO_STATUS_WRITE_ERROR */ }
            Unmanaged<Output>.fromOpaque(closure).takeUnretainedValue().data.append(data, count: Int(length))
            return 0
        }, Unmanaged.passUnretained(output).toOpaque())
        return withExtendedLifetime(output) { written == 0 && !output.data.isEmpty ? output.data : nil }
    }
}

/// A cairo image surface's pixels: `height` rows of `width` native-endian 32-bit ARGB values
/// (colour premultiplied by alpha), `stride` bytes apart.
struct CairoPixels {
    let data: UnsafePointer<UInt8>
    let width: Int, height: Int, stride: Int
}
