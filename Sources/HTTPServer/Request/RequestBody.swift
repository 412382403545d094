import Foundation

/// A request body: absent, held in memory, or spooled to a temporary file because it was large.
/// A spooled file is deleted after the response is sent unless the handler moved it elsewhere.
public enum RequestBody: Sendable {
    case empty
    case bytes([UInt8])
    case file(URL, size: Int64)

    /// The body length in bytes.
    public var count: Int64 {
        switch self {
        case .empty: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, let size): return size
        }
    }

    /// The temporary file holding the body, when it was spooled to disk.
    public var fileURL: URL? {
        if case .file(let url, _) = self { return url }
        return nil
    }

    /// The whole body in memory; reads the spool file when there is one (only for bodies known to be small).
    public func collect() throws -> [UInt8] {
        switch self {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .file(let url, _): return [UInt8](try Data(contentsOf: url))
        }
    }

    /// Visits the body in pieces of at most `chunkSize` bytes without loading a spooled body whole.
    public func forEachChunk(chunkSize: Int = 256 * 1024, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        switch self {
        case .empty:
            return
        case .bytes(let bytes):
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunkSize)
                try body(bytes[start..<end])
                start = end
            }
        case .file(let url, _):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
                try body([UInt8](data)[...])
            }
        }
    }
}
