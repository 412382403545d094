import Foundation

/// Edits MP4 boxes in place, to make files our writer never produces (rotated phone videos).
enum MP4Surgery {
    /// Rewrites the first track header's matrix to a 90° clockwise display rotation.
    static func setRotation90(in url: URL) throws {
        var bytes = try [UInt8](Data(contentsOf: url))
        let tkhd = try find("tkhd", in: bytes)
        let version = bytes[tkhd + 4]
        // Box header (8) + version/flags (4) + times and ids (20 or 32) + reserved/layer/etc. (16).
        let matrix = tkhd + 8 + 4 + (version == 1 ? 32 : 20) + 16
        let values: [Int32] = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x4000_0000]
        for (index, value) in values.enumerated() {
            let raw = UInt32(bitPattern: value)
            for byte in 0..<4 { bytes[matrix + index * 4 + byte] = UInt8(raw >> (24 - 8 * byte) & 0xFF) }
        }
        try Data(bytes).write(to: url)
    }

    /// Offset of the size field of the first box named `type`.
    private static func find(_ type: String, in bytes: [UInt8]) throws -> Int {
        let tag = Array(type.utf8)
        for index in 4..<(bytes.count - 4) where Array(bytes[index..<index + 4]) == tag { return index - 4 }
        throw CocoaError(.fileReadCorruptFile)
    }
}
