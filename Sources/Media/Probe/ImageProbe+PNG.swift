extension ImageProbe {
    /// Reads IHDR, which the PNG specification requires to be the first chunk.
    static func probePNG(_ reader: ByteReader) throws -> ImageInfo {
        guard reader.count >= 33 else { throw corrupt("shorter than a PNG header") }
        guard reader.u32be(8) == 13, reader.matches("IHDR", at: 12),
              let width = reader.u32be(16), let height = reader.u32be(20),
              let bitDepth = reader.u8(24), let colourType = reader.u8(25)
        else { throw corrupt("the first chunk is not a valid IHDR") }
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw corrupt("invalid size \(width)x\(height)")
        }
        let validDepths: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard validDepths[colourType]?.contains(bitDepth) == true else {
            throw corrupt("colour type \(colourType) with bit depth \(bitDepth)")
        }
        return ImageInfo(format: .png, width: width, height: height)
    }

    /// Checks that the chunk sequence is complete up to IEND. Decoders are lenient about a
    /// missing tail; we want truncation reported rather than a silently partial picture.
    static func validatePNGChunks(_ reader: ByteReader) throws {
        var offset = 8
        while true {
            guard let length = reader.u32be(offset), reader.u8(offset + 7) != nil else {
                throw corrupt("truncated: no IEND chunk")
            }
            let next = offset + 12 + length
            guard next <= reader.count else { throw corrupt("truncated chunk") }
            if reader.matches("IEND", at: offset + 4) { return }
            offset = next
        }
    }

    private static func corrupt(_ reason: String) -> MediaError {
        .corruptData(format: .png, reason: reason)
    }
}
