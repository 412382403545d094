extension ImageProbe {
    /// Walks the marker segments up to the first start-of-frame, picking up the EXIF orientation
    /// from an APP1 segment on the way.
    static func probeJPEG(_ reader: ByteReader) throws -> ImageInfo {
        var orientation = ExifOrientation.up
        var sawExif = false
        var offset = 2
        while true {
            guard let marker = nextMarker(reader, from: &offset) else {
                throw corrupt("ends before the frame header")
            }
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue  // standalone markers carry no length
            case 0xD9, 0xDA:
                throw corrupt("no frame header before the image data")
            default:
                break
            }
            guard let length = reader.u16be(offset), length >= 2 else { throw corrupt("truncated segment header") }
            let payload = offset + 2
            let end = offset + length
            guard end <= reader.count else { throw corrupt("truncated segment") }
            if marker == 0xE1, !sawExif, reader.matches("Exif\0\0", at: payload) {
                sawExif = true
                orientation = exifOrientation(reader, tiffStart: payload + 6, end: end) ?? .up
            } else if isStartOfFrame(marker) {
                return try frameInfo(reader, marker: marker, payload: payload, orientation: orientation)
            }
            offset = end
        }
    }

    /// Finds the next marker at or after `offset`, skipping fill bytes; leaves `offset` just past
    /// the marker code.
    private static func nextMarker(_ reader: ByteReader, from offset: inout Int) -> Int? {
        guard reader.u8(offset) == 0xFF else { return nil }
        while reader.u8(offset) == 0xFF { offset += 1 }
        guard let marker = reader.u8(offset) else { return nil }
        offset += 1
        return marker
    }

    /// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static func isStartOfFrame(_ marker: Int) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    private static func frameInfo(
        _ reader: ByteReader, marker: Int, payload: Int, orientation: ExifOrientation
    ) throws -> ImageInfo {
        guard let precision = reader.u8(payload), let height = reader.u16be(payload + 1),
              let width = reader.u16be(payload + 3), let components = reader.u8(payload + 5)
        else { throw corrupt("truncated frame header") }
        if [0xC3, 0xC7, 0xCB, 0xCF].contains(marker) { throw MediaError.unsupportedFormat("lossless JPEG") }
        guard precision == 8 else { throw MediaError.unsupportedFormat("\(precision)-bit JPEG") }
        guard width > 0 else { throw corrupt("zero width") }
        // A zero height defers to a DNL marker after the scan; libjpeg-turbo does not support it.
        guard height > 0 else { throw MediaError.unsupportedFormat("JPEG with height defined after the scan (DNL)") }
        guard [1, 3, 4].contains(components) else { throw corrupt("\(components) colour components") }
        return ImageInfo(format: .jpeg, width: width, height: height, orientation: orientation)
    }

    /// The orientation tag of IFD0 in the TIFF structure inside an Exif APP1 segment, or nil
    /// when absent or malformed (bad metadata never costs the user their image).
    private static func exifOrientation(_ reader: ByteReader, tiffStart: Int, end: Int) -> ExifOrientation? {
        let bigEndian: Bool
        if reader.matches([0x4D, 0x4D, 0x00, 0x2A], at: tiffStart) {
            bigEndian = true
        } else if reader.matches([0x49, 0x49, 0x2A, 0x00], at: tiffStart) {
            bigEndian = false
        } else {
            return nil
        }
        guard let ifdOffset = reader.u32(tiffStart + 4, bigEndian: bigEndian) else { return nil }
        let ifd = tiffStart + ifdOffset
        guard ifd + 2 <= end, let entryCount = reader.u16(ifd, bigEndian: bigEndian) else { return nil }
        for index in 0..<entryCount {
            let entry = ifd + 2 + index * 12
            guard entry + 12 <= end, let tag = reader.u16(entry, bigEndian: bigEndian) else { return nil }
            guard tag == 0x0112 else { continue }
            // SHORT (type 3), count 1: the value sits left-justified in the 4-byte value field.
            guard reader.u16(entry + 2, bigEndian: bigEndian) == 3,
                  let value = reader.u16(entry + 8, bigEndian: bigEndian)
            else { return nil }
            return ExifOrientation(rawValue: value)
        }
        return nil
    }

    private static func corrupt(_ reason: String) -> MediaError {
        .corruptData(format: .jpeg, reason: reason)
    }
}
