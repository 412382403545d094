extension ImageProbe {
    /// Reads the size from the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended).
    static func probeWebP(_ reader: ByteReader) throws -> ImageInfo {
        let chunk = 12
        let payload = chunk + 8
        guard let chunkSize = reader.u32le(chunk + 4) else { throw corrupt("truncated RIFF header") }
        guard payload + min(chunkSize, 10) <= reader.count else { throw corrupt("truncated first chunk") }
        if reader.matches("VP8 ", at: chunk) {
            guard reader.matches([0x9D, 0x01, 0x2A], at: payload + 3),
                  let width = reader.u16le(payload + 6), let height = reader.u16le(payload + 8)
            else { throw corrupt("bad VP8 frame header") }
            return try info(width: width & 0x3FFF, height: height & 0x3FFF)
        }
        if reader.matches("VP8L", at: chunk) {
            guard reader.u8(payload) == 0x2F, let b1 = reader.u8(payload + 1), let b2 = reader.u8(payload + 2),
                  let b3 = reader.u8(payload + 3), let b4 = reader.u8(payload + 4)
            else { throw corrupt("bad VP8L header") }
            let width = 1 + ((b2 & 0x3F) << 8 | b1)
            let height = 1 + ((b4 & 0x0F) << 10 | b3 << 2 | (b2 & 0xC0) >> 6)
            return try info(width: width, height: height)
        }
        if reader.matches("VP8X", at: chunk) {
            guard let flags = reader.u8(payload), let width = reader.u24le(payload + 4),
                  let height = reader.u24le(payload + 7)
            else { throw corrupt("bad VP8X header") }
            if flags & 0x02 != 0 { throw MediaError.unsupportedFormat("animated WebP") }
            return try info(width: width + 1, height: height + 1)
        }
        throw corrupt("unknown first chunk")
    }

    private static func info(width: Int, height: Int) throws -> ImageInfo {
        guard width > 0, height > 0 else { throw corrupt("zero size") }
        return ImageInfo(format: .webp, width: width, height: height)
    }

    private static func corrupt(_ reason: String) -> MediaError {
        .corruptData(format: .webp, reason: reason)
    }
}

extension ImageProbe {
    /// The RIFF header states the file length; fewer bytes than that means truncation, which
    /// the WebP decoder might otherwise paper over.
    static func validateRIFFLength(_ reader: ByteReader) throws {
        guard let riffSize = reader.u32le(4), riffSize + 8 <= reader.count else {
            throw MediaError.corruptData(format: .webp, reason: "truncated: shorter than its RIFF header says")
        }
    }
}
