import Foundation

/// A source of bytes for `BlobStore.put`, read in chunks so that a blob never has to be in
/// memory whole. An input that throws part-way makes the put fail and store nothing.
public protocol BlobInput {
    /// The next bytes, at most `count` of them; empty at the end of the input.
    mutating func read(upTo count: Int) throws -> Data
}

/// Reads a file from its start.
public struct FileBlobInput: BlobInput {
    private let handle: FileHandle
    private let path: String

    /// - Throws: `StorageError.blobIO` when the file cannot be opened.
    public init(url: URL) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw StorageError.blobIO(operation: "open", path: url.path, message: "\(error.localizedDescription)")
        }
        path = url.path
    }

    public mutating func read(upTo count: Int) throws -> Data {
        do {
            return try handle.read(upToCount: count) ?? Data()
        } catch {
            throw StorageError.blobIO(operation: "read", path: path, message: "\(error.localizedDescription)")
        }
    }

    /// Closes the file; reading afterwards fails.
    public func close() {
        try? handle.close()
    }
}

/// Bytes already in memory (thumbnails and other small derived files).
public struct DataBlobInput: BlobInput {
    private let data: Data
    private var offset: Int

    public init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    public mutating func read(upTo count: Int) throws -> Data {
        let end = min(data.endIndex, offset + count)
        defer { offset = end }
        return data.subdata(in: offset..<end)
    }
}
