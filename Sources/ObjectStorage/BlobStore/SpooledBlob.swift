import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// A blob's bytes in a local file with what uploading them needs: the whole SHA-256 (the key,
/// known before the first byte goes out) and the SHA-256 of every part of `partSize` bytes (each
/// part's signed payload hash), all computed in the one pass that writes or reads the file.
struct SpooledBlob {
    let file: URL
    let key: BlobKey
    let size: Int64
    let partHashes: [String]
    let partSize: Int

    /// Streams `input` into a new file at `file`, hashing as it goes.
    ///
    /// - Throws: `StorageError.diskFull`, `.blobIO`, or what the input throws; the file is
    ///   removed in every case.
    static func spool<Input: BlobInput>(_ input: inout Input, to file: URL, partSize: Int) throws -> SpooledBlob {
        let sink = try FileSink(path: file.path)
        do {
            var parts = PartHasher(partSize: partSize)
            while true {
                let chunk = try input.read(upTo: BlobStoreDefaults.chunkSize)
                if chunk.isEmpty { break }
                let accepted = chunk.withUnsafeBytes { buffer in
                    parts.update(buffer)
                    return sink.write(buffer)
                }
                if !accepted { throw sink.failure ?? StorageError.blobIO(operation: "write", path: file.path, message: "write failed") }
            }
            let key = try BlobKey(hex: sink.hasher.finalizeHex())
            return SpooledBlob(file: file, key: key, size: sink.written, partHashes: parts.finish(), partSize: partSize)
        } catch {
            unlink(file.path)
            throw error
        }
    }

    /// Hashes a file that stays where it is (an adopted upload).
    ///
    /// - Throws: `StorageError.blobIO` when it cannot be read.
    static func hashing(file: URL, partSize: Int) throws -> SpooledBlob {
        var input = try FileBlobInput(url: file)
        defer { input.close() }
        let whole = SHA256Hasher()
        var parts = PartHasher(partSize: partSize)
        var size: Int64 = 0
        while true {
            let chunk = try input.read(upTo: BlobStoreDefaults.chunkSize)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { buffer in
                whole.update(bytes: buffer)
                parts.update(buffer)
            }
            size += Int64(chunk.count)
        }
        return SpooledBlob(file: file, key: try BlobKey(hex: whole.finalizeHex()), size: size, partHashes: parts.finish(), partSize: partSize)
    }

    /// The byte range of part `index` (0-based).
    func part(_ index: Int) -> (offset: Int64, length: Int64) {
        let offset = Int64(index) * Int64(partSize)
        return (offset, min(Int64(partSize), size - offset))
    }
}

/// SHA-256 per fixed-size part of a stream whose chunks need not line up with part boundaries.
struct PartHasher {
    let partSize: Int
    private var current = SHA256Hasher()
    private var filled = 0
    private var hashes: [String] = []

    init(partSize: Int) {
        self.partSize = partSize
    }

    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        var rest = buffer[...]
        while !rest.isEmpty {
            let take = min(rest.count, partSize - filled)
            current.update(bytes: UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
            filled += take
            rest = rest.dropFirst(take)
            if filled == partSize {
                hashes.append(current.finalizeHex())
                current = SHA256Hasher()
                filled = 0
            }
        }
    }

    /// The hashes of every part, the last (shorter) one included.
    mutating func finish() -> [String] {
        if filled > 0 { hashes.append(current.finalizeHex()) }
        return hashes
    }
}
