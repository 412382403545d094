import Foundation

/// Edits encoded JPEG bytes the way odd real-world files look: inserted Exif segments,
/// rewritten frame headers.
enum JPEGSurgery {
    /// `jpeg` with an APP1 Exif segment (IFD0 holding only the orientation tag) right after SOI.
    static func insertingExifOrientation(_ orientation: Int, into jpeg: Data, bigEndian: Bool) -> Data {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D, 0x00, 0x2A] : [0x49, 0x49, 0x2A, 0x00]
        tiff += u32(8)  // IFD0 right after the header
        tiff += u16(1)  // one entry
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)  // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        var bytes = [UInt8](jpeg)
        bytes.insert(contentsOf: segment, at: 2)
        return Data(bytes)
    }

    /// `jpeg` whose SOF0 frame header claims `width` x `height`.
    static func claimingSize(width: Int, height: Int, in jpeg: Data) -> Data {
        var bytes = [UInt8](jpeg)
        var offset = 2
        while offset + 4 < bytes.count {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if marker == 0xC0 {
                bytes[offset + 5] = UInt8(height >> 8)
                bytes[offset + 6] = UInt8(height & 0xFF)
                bytes[offset + 7] = UInt8(width >> 8)
                bytes[offset + 8] = UInt8(width & 0xFF)
                return Data(bytes)
            }
            offset += 2 + length
        }
        preconditionFailure("no SOF0 in the JPEG")
    }
}

extension JPEGSurgery {
    /// `jpeg` with `junk` inserted just before its final EOI marker.
    static func insertingJunkBeforeEnd(_ junk: [UInt8], into jpeg: Data) -> Data {
        var bytes = [UInt8](jpeg)
        precondition(bytes.suffix(2) == [0xFF, 0xD9])
        bytes.insert(contentsOf: junk, at: bytes.count - 2)
        return Data(bytes)
    }
}
