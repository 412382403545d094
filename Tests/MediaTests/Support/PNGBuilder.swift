import Foundation

/// Writes minimal, valid PNG files by hand (uncompressed deflate blocks), so tests can cover
/// colour types and headers our own encoder never produces: alpha, palettes, 16-bit, bombs.
struct PNGBuilder {
    var width: Int
    var height: Int
    var bitDepth: UInt8 = 8
    var colourType: UInt8 = 2
    /// Chunks between IHDR and IDAT, e.g. PLTE and tRNS.
    var extraChunks: [(String, [UInt8])] = []
    /// One array per row, without the filter byte.
    var rows: [[UInt8]] = []

    func build() -> Data {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = Self.be32(width) + Self.be32(height)
        header += [bitDepth, colourType, 0, 0, 0]
        file += Self.chunk("IHDR", header)
        for (type, payload) in extraChunks { file += Self.chunk(type, payload) }
        var raw: [UInt8] = []
        for row in rows { raw += [0] + row }
        file += Self.chunk("IDAT", Self.zlibStored(raw))
        file += Self.chunk("IEND", [])
        return Data(file)
    }

    static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return be32(payload.count) + typeBytes + payload + be32(Int(CRC32.checksum(typeBytes + payload)))
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(Int(b << 16 | a))
    }
}
