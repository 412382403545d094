import Foundation

/// A read-only view of a zip archive's central directory (with Zip64), enough to find torch's
/// entries and hand out the bytes of stored (uncompressed) ones without copying.
struct ZipArchive {
    struct Entry {
        var name: String
        var method: Int
        var flags: Int
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let data: Data
    private(set) var entries: [String: Entry] = [:]
    private(set) var names: [String] = []

    static func looksLikeZip(_ data: Data) -> Bool {
        data.count >= 4 && data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    init(_ data: Data) throws {
        self.data = data
        let end = try Self.endOfCentralDirectory(data)
        var cursor = PyTorchByteCursor(data, at: end.offset, context: "zip central directory")
        for _ in 0..<end.count {
            let entry = try Self.centralDirectoryEntry(&cursor)
            if entries[entry.name] == nil { names.append(entry.name) }
            entries[entry.name] = entry
        }
    }

    /// The stored bytes of an entry, checked against its CRC-32.
    func contents(of name: String) throws -> Data {
        guard let entry = entries[name] else {
            throw PyTorchImportError(file: "", reason: .unrecognizedFormat("zip has no entry \(name)"))
        }
        guard entry.flags & 0x1 == 0 else {
            throw PyTorchImportError(file: "", reason: .unsupportedZipEntry(name: name, detail: "encrypted"))
        }
        var cursor = PyTorchByteCursor(data, at: entry.localHeaderOffset, context: "zip local header of \(name)")
        guard try cursor.unsigned(4) == 0x0403_4B50 else {
            throw PyTorchImportError(file: "", reason: .unrecognizedFormat("zip local header of \(name) is missing"))
        }
        try cursor.skip(22)
        let nameLength = try cursor.uint16()
        let extraLength = try cursor.uint16()
        try cursor.skip(nameLength + extraLength)
        cursor.context = "zip entry \(name)"
        let start = data.startIndex + cursor.position
        try cursor.skip(entry.compressedSize)
        let stored = data[start..<start + entry.compressedSize]
        let contents: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw PyTorchImportError(file: "", reason: .unsupportedZipEntry(name: name, detail: "stored entry with differing sizes"))
            }
            contents = stored
        case 8:
            contents = try ZipInflate.decompress(stored, expectedSize: entry.uncompressedSize, entry: name)
        default:
            throw PyTorchImportError(file: "", reason: .unsupportedZipEntry(name: name, detail: "compression method \(entry.method)"))
        }
        guard ZipCRC32.checksum(contents) == entry.crc32 else {
            throw PyTorchImportError(file: "", reason: .checksumMismatch(name: name))
        }
        return contents
    }

    private static func endOfCentralDirectory(_ data: Data) throws -> (offset: Int, count: Int) {
        // The end record is 22 bytes plus a comment of up to 65535 bytes, so search back that far.
        let lowest = max(0, data.count - 22 - 0xFFFF)
        var position = data.count - 22
        while position >= lowest {
            let base = data.startIndex + position
            if data[base] == 0x50, data[base + 1] == 0x4B, data[base + 2] == 0x05, data[base + 3] == 0x06 { break }
            position -= 1
        }
        guard position >= lowest else {
            throw PyTorchImportError(file: "", reason: .truncated("zip end of central directory not found"))
        }
        var cursor = PyTorchByteCursor(data, at: position + 10, context: "zip end of central directory")
        var count = try cursor.uint16()
        _ = try cursor.uint32()  // size
        var offset = try cursor.uint32()
        if count == 0xFFFF || offset == 0xFFFF_FFFF, position >= 20 {
            // Zip64: the locator just before the end record points at the Zip64 end record.
            var locator = PyTorchByteCursor(data, at: position - 20, context: "zip64 locator")
            if try locator.unsigned(4) == 0x0706_4B50 {
                try locator.skip(4)
                var record = PyTorchByteCursor(data, at: try locator.length64(), context: "zip64 end record")
                guard try record.unsigned(4) == 0x0606_4B50 else {
                    throw PyTorchImportError(file: "", reason: .truncated("zip64 end record not found"))
                }
                try record.skip(28)
                count = try record.length64()
                try record.skip(8)
                offset = try record.length64()
            }
        }
        return (offset, count)
    }

    private static func centralDirectoryEntry(_ cursor: inout PyTorchByteCursor) throws -> Entry {
        guard try cursor.unsigned(4) == 0x0201_4B50 else {
            throw PyTorchImportError(file: "", reason: .truncated("zip central directory entry is missing"))
        }
        try cursor.skip(4)
        let flags = try cursor.uint16()
        let method = try cursor.uint16()
        try cursor.skip(4)
        let crc = UInt32(try cursor.unsigned(4))
        var compressed = try cursor.uint32()
        var uncompressed = try cursor.uint32()
        let nameLength = try cursor.uint16()
        let extraLength = try cursor.uint16()
        let commentLength = try cursor.uint16()
        try cursor.skip(8)
        var localOffset = try cursor.uint32()
        let name = String(decoding: try cursor.bytes(nameLength), as: UTF8.self)
        var extra = PyTorchByteCursor(Data(try cursor.bytes(extraLength)), context: "zip extra field of \(name)")
        try cursor.skip(commentLength)
        // Zip64 extended information: present fields replace the 0xFFFFFFFF placeholders, in order.
        while extra.remaining >= 4 {
            let id = try extra.uint16()
            let size = try extra.uint16()
            guard id == 0x0001 else { try extra.skip(size); continue }
            if uncompressed == 0xFFFF_FFFF { uncompressed = try extra.length64() }
            if compressed == 0xFFFF_FFFF { compressed = try extra.length64() }
            if localOffset == 0xFFFF_FFFF { localOffset = try extra.length64() }
            break
        }
        return Entry(name: name, method: method, flags: flags, crc32: crc, compressedSize: compressed,
                     uncompressedSize: uncompressed, localHeaderOffset: localOffset)
    }
}
