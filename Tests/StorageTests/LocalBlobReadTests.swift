import Foundation
import Glibc
import Storage
import TestSupport
import XCTest

/// The local disk store's read side of the blob seam: `withLocalFile` (the blob's own file, only
/// inside the call), ranged streaming reads, and the descriptor it hands to zero-copy senders.
final class LocalBlobReadTests: XCTestCase {
    private var directory: URL!
    private var blobs: LocalDiskBlobStore!
    private let bytes = Data((0..<(2 << 20) + 777).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 9) })

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("blob-reads")
        blobs = try LocalDiskBlobStore(root: directory.appendingPathComponent("blobs"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testWithLocalFileGivesTheBlobsOwnFileWithoutACopy() throws {
        let stored = try blobs.put(data: bytes)
        let (path, read) = try blobs.withLocalFile(stored.key) { url in (url.path, try Data(contentsOf: url)) }
        XCTAssertEqual(read, bytes)
        XCTAssertEqual(path, blobs.path(for: stored.key).path, "a local store passes the blob's own file")
        XCTAssertEqual(try blobs.list().count, 1, "nothing was copied into the store")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("blobs/tmp").path), [])
    }

    func testWithLocalFileOfAMissingBlobThrowsBlobNotFoundAndNeverRunsTheBody() throws {
        let missing = try BlobKey(hex: String(repeating: "ab", count: 32))
        var ran = false
        XCTAssertThrowsError(try blobs.withLocalFile(missing) { _ in ran = true }) { error in
            XCTAssertEqual(error as? StorageError, .blobNotFound(key: missing.hex))
        }
        XCTAssertFalse(ran)
    }

    func testWithLocalFilePassesTheBodysErrorThrough() throws {
        struct Refused: Error, Equatable {}
        let stored = try blobs.put(data: bytes)
        XCTAssertThrowsError(try blobs.withLocalFile(stored.key) { _ in throw Refused() }) { error in
            XCTAssertEqual(error as? Refused, Refused())
        }
    }

    func testARangedStreamYieldsExactlyItsRangeInChunks() throws {
        let stored = try blobs.put(data: bytes)
        let range: Range<Int64> = 1_000_001..<1_900_123
        let stream = try blobs.open(stored.key, range: range)
        XCTAssertEqual(stream.size, Int64(bytes.count))
        XCTAssertEqual(stream.range, range)
        var read = Data()
        while true {
            let chunk = try stream.read(upTo: 100_000)
            if chunk.isEmpty { break }
            XCTAssertLessThanOrEqual(chunk.count, 100_000)
            read.append(chunk)
        }
        XCTAssertEqual(read, bytes.subdata(in: Int(range.lowerBound)..<Int(range.upperBound)))
        XCTAssertEqual(try stream.read(), Data(), "the end stays the end")
        stream.close()
        let closed = try blobs.open(stored.key, range: range)
        closed.close()
        XCTAssertThrowsError(try closed.read(upTo: 1)) { error in
            guard case StorageError.blobIO(operation: "read", _, _) = error else { return XCTFail("unexpected \(error)") }
        }
    }

    func testAWholeStreamAndAnEmptyRangeAndTheLastByte() throws {
        let stored = try blobs.put(data: bytes)
        XCTAssertEqual(try readAll(blobs.open(stored.key)), bytes)
        XCTAssertEqual(try readAll(blobs.open(stored.key, range: 5..<5)), Data())
        let last = Int64(bytes.count)
        XCTAssertEqual(try readAll(blobs.open(stored.key, range: (last - 1)..<last)), bytes.suffix(1))
    }

    func testARangeOutsideTheBlobAndAMissingBlobAreRefused() throws {
        let stored = try blobs.put(data: bytes)
        let size = Int64(bytes.count)
        for range in [0..<(size + 1), (size + 10)..<(size + 20)] {
            XCTAssertThrowsError(try blobs.open(stored.key, range: range)) { error in
                guard case StorageError.blobIO(operation: "open", _, _) = error else { return XCTFail("unexpected \(error) for \(range)") }
            }
        }
        try blobs.delete(stored.key)
        XCTAssertThrowsError(try blobs.open(stored.key)) { error in
            XCTAssertEqual(error as? StorageError, .blobNotFound(key: stored.key.hex))
        }
    }

    func testTheLocalDescriptorReadsTheRangeAndOutlivesTheStreamAndTheBlobsName() throws {
        let stored = try blobs.put(data: bytes)
        let stream = try blobs.open(stored.key, range: 4096..<8192)
        let local = try XCTUnwrap(try stream.duplicateLocalDescriptor())
        XCTAssertEqual(local.offset, 4096)
        stream.close()
        // Deleting the blob's name (a sweep) does not pull the bytes from under an open download.
        try blobs.delete(stored.key)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = buffer.withUnsafeMutableBytes { pread(local.descriptor, $0.baseAddress, 4096, off_t(local.offset)) }
        XCTAssertEqual(got, 4096)
        XCTAssertEqual(Data(buffer), bytes.subdata(in: 4096..<8192))
        XCTAssertEqual(close(local.descriptor), 0)
    }

    func testAStreamFromElsewhereReadsThroughItsReaderAndClosesItOnce() throws {
        let key = try BlobKey(hex: String(repeating: "cd", count: 32))
        let source = Data("0123456789".utf8)
        let closes = Counter()
        var offset = 2
        let stream = BlobReadStream(key: key, size: 10, range: 2..<7, read: { count in
            let end = min(offset + count, 7)
            defer { offset = end }
            return source.subdata(in: offset..<end)
        }, close: { closes.add() })
        XCTAssertNil(try stream.duplicateLocalDescriptor(), "only local files offer a descriptor")
        XCTAssertEqual(try readAll(stream, chunk: 2), Data("23456".utf8))
        stream.close()
        stream.close()
        XCTAssertEqual(closes.value, 1)
    }

    private func readAll(_ stream: BlobReadStream, chunk: Int = 64 << 10) throws -> Data {
        var data = Data()
        while true {
            let piece = try stream.read(upTo: chunk)
            if piece.isEmpty { return data }
            data.append(piece)
        }
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
