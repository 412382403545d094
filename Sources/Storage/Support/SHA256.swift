import COpenSSL
import Foundation

/// SHA-256 through OpenSSL, for migration checksums and blob keys.
enum SHA256 {
    static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1, "EVP_Digest(SHA-256) failed")
        return hexString(digest.prefix(Int(length)))
    }

    static func hexString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// SHA-256 over data that arrives in pieces, for hashing blobs while they stream to disk.
/// One hasher per stream; not thread-safe.
public final class SHA256Hasher {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "EVP_DigestInit_ex(SHA-256) failed")
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds `data` to the digest.
    public func update(_ data: Data) {
        data.withUnsafeBytes { buffer in
            guard buffer.count > 0 else { return }
            precondition(EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1, "EVP_DigestUpdate failed")
        }
    }

    /// Adds bytes that live in a C buffer (a libcurl callback's), without copying them first.
    public func update(bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    /// The digest of everything added, as 64 lowercase hex characters. Call once.
    public func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1, "EVP_DigestFinal_ex failed")
        return SHA256.hexString(digest.prefix(Int(length)))
    }
}

extension SHA256Hasher {
    /// The SHA-256 of bytes in memory, as 64 lowercase hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hex(bytes)
    }

    /// The SHA-256 of a file, read in 1 MiB chunks: the key the blob store would give it.
    ///
    /// - Throws: `StorageError.blobIO` when the file cannot be read.
    public static func hex(ofFile url: URL) throws -> String {
        var input = try FileBlobInput(url: url)
        defer { input.close() }
        let hasher = SHA256Hasher()
        while true {
            let chunk = try input.read(upTo: BlobStoreDefaults.chunkSize)
            if chunk.isEmpty { return hasher.finalizeHex() }
            hasher.update(chunk)
        }
    }
}
