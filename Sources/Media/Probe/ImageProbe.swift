import Foundation

/// Reads format, size and orientation from an image's header only: cheap enough to run on every
/// upload before quotas admit it, and the gate that keeps decompression bombs away from decoders.
public enum ImageProbe {
    /// The header facts of `data`.
    ///
    /// - Throws: `MediaError.empty`, `.unknownFormat`, `.unsupportedFormat` (GIF, HEIC, animated
    ///   WebP, 12-bit or lossless JPEG, ...), or `.corruptData` when the header is truncated or
    ///   malformed.
    public static func probe(_ data: Data) throws -> ImageInfo {
        guard !data.isEmpty else { throw MediaError.empty }
        guard let format = ImageFormat(detecting: data) else {
            if let name = ImageFormat.unsupportedName(data) { throw MediaError.unsupportedFormat(name) }
            throw MediaError.unknownFormat
        }
        let reader = ByteReader(data: data)
        switch format {
        case .jpeg: return try probeJPEG(reader)
        case .png: return try probePNG(reader)
        case .webp: return try probeWebP(reader)
        }
    }

    /// The header facts of the file at `url`, reading only its first bytes where they suffice.
    public static func probe(contentsOf url: URL) throws -> ImageInfo {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw MediaError.unreadableFile(path: url.path, reason: "\(error)")
        }
        defer { try? handle.close() }
        // JPEG may put long APPn segments (thumbnails, ICC profiles) before the frame header.
        let prefixLength = 1 << 20
        let prefix = (try? handle.read(upToCount: prefixLength)) ?? Data()
        do {
            return try probe(prefix)
        } catch MediaError.corruptData where prefix.count == prefixLength {
            guard let rest = try? handle.readToEnd() else { throw MediaError.unreadableFile(path: url.path, reason: "read failed") }
            return try probe(prefix + rest)
        }
    }
}
