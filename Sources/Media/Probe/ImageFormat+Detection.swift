import Foundation

extension ImageFormat {
    /// The format named by the first bytes of `data`, or nil when they are not JPEG, PNG or WebP.
    /// File names and declared media types are never trusted; only content is.
    public init?(detecting data: Data) {
        let reader = ByteReader(data: data)
        if reader.matches([0xFF, 0xD8, 0xFF], at: 0) {
            self = .jpeg
        } else if reader.matches(Self.pngSignature, at: 0) {
            self = .png
        } else if reader.matches("RIFF", at: 0), reader.matches("WEBP", at: 8) {
            self = .webp
        } else {
            return nil
        }
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A human name for well-known image formats we refuse, so the error can say "GIF" rather
    /// than "unknown".
    static func unsupportedName(_ data: Data) -> String? {
        let reader = ByteReader(data: data)
        if reader.matches("GIF87a", at: 0) || reader.matches("GIF89a", at: 0) { return "GIF" }
        if reader.matches([0x49, 0x49, 0x2A, 0x00], at: 0) || reader.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            return "TIFF"
        }
        if reader.matches("BM", at: 0), let size = reader.u32le(2), size == data.count { return "BMP" }
        if reader.matches("ftyp", at: 4) {
            for brand in ["heic", "heix", "hevc", "mif1", "msf1"] where reader.matches(brand, at: 8) { return "HEIC" }
            if reader.matches("avif", at: 8) || reader.matches("avis", at: 8) { return "AVIF" }
        }
        if reader.matches([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x58, 0x4C, 0x20], at: 0) || reader.matches([0xFF, 0x0A], at: 0) {
            return "JPEG XL"
        }
        return nil
    }
}
