import Common
import Foundation
@testable import ObjectStorage
import Storage
import TestSupport
import XCTest

/// `S3BlobStore` against a real S3 server (SeaweedFS on loopback, signatures checked).
final class S3BlobStoreTests: XCTestCase {
    func testPutHeadOpenFileURLListDeleteRoundTrip() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let bytes = S3Harness.bytes(300_000, seed: 1)

        let stored = try store.put(data: bytes)
        XCTAssertEqual(stored.key.hex, S3Harness.sha256(bytes))
        XCTAssertEqual(stored.size, 300_000)
        XCTAssertTrue(stored.created)

        let head = try XCTUnwrap(try store.head(stored.key))
        XCTAssertEqual(head.size, 300_000)
        XCTAssertLessThan(abs(head.modified.timeIntervalSinceNow), 120)
        XCTAssertEqual(try store.data(for: stored.key), bytes)
        XCTAssertEqual(try Data(contentsOf: store.withLocalFile(stored.key) { $0 }), bytes)
        XCTAssertEqual(try store.list().map(\.key), [stored.key])

        try store.delete(stored.key)
        XCTAssertNil(try store.head(stored.key))
        XCTAssertEqual(try store.list(), [])
        XCTAssertThrowsError(try store.withLocalFile(stored.key) { $0 }) { error in
            XCTAssertEqual(error as? StorageError, .blobNotFound(key: stored.key.hex))
        }
        // Deleting what is not there is not an error.
        try store.delete(stored.key)
    }

    func testObjectIsNamedPrefixSlashSHA256InTheBucket() throws {
        let server = try S3Harness.server()
        let configuration = S3Harness.configuration(server, prefix: "/nested/prefix/")
        let store = try S3Harness.store(configuration, in: self)
        let stored = try store.put(data: Data("named by content".utf8))
        let objects = try store.client.listAllObjects(prefix: "nested/prefix/")
        XCTAssertEqual(objects.map(\.key), ["nested/prefix/\(stored.key.hex)"])
    }

    func testIdenticalPutIsStoredOnce() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let bytes = S3Harness.bytes(10_000, seed: 2)
        let first = try store.put(data: bytes)
        // A second store (another node) with an empty cache sees the object through S3 itself.
        let other = try S3Harness.store(store.configuration, in: self)
        let second = try other.put(data: bytes)
        XCTAssertTrue(first.created)
        XCTAssertFalse(second.created)
        XCTAssertEqual(first.key, second.key)
        XCTAssertEqual(try store.list().count, 1)
    }

    func testConcurrentIdenticalPutsCreateExactlyOnce() throws {
        let server = try S3Harness.server()
        let configuration = S3Harness.configuration(server)
        let stores = try (0..<6).map { _ in try S3Harness.store(configuration, in: self) }
        let bytes = S3Harness.bytes(2_000_000, seed: 3)
        let results = Locked<[StoredBlob]>([])
        DispatchQueue.concurrentPerform(iterations: stores.count) { index in
            if let blob = try? stores[index].put(data: bytes) { results.withLock { $0.append(blob) } }
        }
        let all = results.withLock { $0 }
        XCTAssertEqual(all.count, 6)
        XCTAssertEqual(Set(all.map(\.key)).count, 1)
        // If-None-Match makes all but the first PUT a no-op; whether a server decides that
        // atomically for PUTs in flight together is its business, so only "at least one" is ours.
        XCTAssertGreaterThanOrEqual(all.filter(\.created).count, 1)
        XCTAssertEqual(try stores[0].list().map(\.key), [all[0].key])
        XCTAssertEqual(try stores[0].data(for: all[0].key), bytes)
    }

    func testEmptyBlob() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let stored = try store.put(data: Data())
        XCTAssertEqual(stored.key.hex, SigV4Payload.emptySHA256)
        XCTAssertEqual(try store.head(stored.key)?.size, 0)
        XCTAssertEqual(try store.data(for: stored.key), Data())
    }

    func testLargeBlobGoesUpInPartsAndComesBackWhole() throws {
        let server = try S3Harness.server()
        // 5 MiB parts (S3's minimum) keep the test's upload small while using three parts.
        let store = try S3Harness.store(S3Harness.configuration(server, partSize: 5 << 20), in: self)
        let bytes = S3Harness.bytes(12 << 20 | 12_345, seed: 4)
        let stored = try store.put(data: bytes)
        XCTAssertTrue(stored.created)
        XCTAssertEqual(stored.key.hex, S3Harness.sha256(bytes))
        // A multipart object's ETag is `"<md5 of part md5s>-<parts>"`: proof it went up in parts.
        let info = try XCTUnwrap(try store.client.headObject(key: store.objectKey(stored.key)))
        XCTAssertEqual(info.size, Int64(bytes.count))
        XCTAssertTrue(info.etag?.hasSuffix("-3\"") ?? false, "ETag \(info.etag ?? "none")")
        let other = try S3Harness.store(store.configuration, in: self)
        XCTAssertEqual(try Data(contentsOf: other.withLocalFile(stored.key) { $0 }), bytes)
        XCTAssertFalse(try other.put(data: bytes).created)
        XCTAssertEqual(try store.client.listMultipartUploads(prefix: store.configuration.keyPrefix), [])
    }

    func testBlobOver16MiBUsesTheDefaultPartSize() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let source = try Fixtures.temporaryDirectory("s3-large").appendingPathComponent("video.bin")
        defer { try? FileManager.default.removeItem(at: source.deletingLastPathComponent()) }
        let bytes = S3Harness.bytes(20 << 20, seed: 5)
        try bytes.write(to: source)
        let stored = try store.put(adoptingFileAt: source)
        XCTAssertTrue(stored.created)
        XCTAssertEqual(stored.size, 20 << 20)
        let info = try XCTUnwrap(try store.client.headObject(key: store.objectKey(stored.key)))
        XCTAssertTrue(info.etag?.hasSuffix("-2\"") ?? false, "ETag \(info.etag ?? "none")")
        let other = try S3Harness.store(store.configuration, in: self)
        XCTAssertEqual(try SHA256Hasher.hex(ofFile: other.withLocalFile(stored.key) { $0 }), stored.key.hex)
    }

    func testRangeReadsReturnExactlyTheBytesAsked() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let bytes = S3Harness.bytes(100_000, seed: 6)
        let stored = try store.put(data: bytes)
        XCTAssertEqual(try store.read(stored.key, range: 0...9), bytes[0..<10])
        XCTAssertEqual(try store.read(stored.key, range: 99_990...99_999), bytes[99_990..<100_000])
        XCTAssertEqual(try store.read(stored.key, range: 12_345...54_321), bytes[12_345...54_321])
        XCTAssertThrowsError(try store.read(BlobKey(hex: String(repeating: "0", count: 64)), range: 0...1)) { error in
            XCTAssertEqual(error as? StorageError, .blobNotFound(key: String(repeating: "0", count: 64)))
        }
    }

    func testARangeOfAnUncachedBlobIsStreamedWithoutDownloadingItAndACachedOneFromItsFile() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let bytes = S3Harness.bytes(9 << 20 | 4321, seed: 8)
        let stored = try store.put(data: bytes)
        let reader = try S3Harness.store(store.configuration, in: self)  // another node: nothing cached
        let range: Range<Int64> = 1_000_000..<(9 << 20)
        let stream = try reader.open(stored.key, range: range)
        XCTAssertNil(try stream.duplicateLocalDescriptor(), "an uncached range is streamed, not a local file")
        var read = Data()
        while true {
            let chunk = try stream.read(upTo: 3 << 20)
            if chunk.isEmpty { break }
            read.append(chunk)
        }
        XCTAssertEqual(read, bytes.subdata(in: Int(range.lowerBound)..<Int(range.upperBound)))
        XCTAssertEqual(reader.cache.keys, [], "the range did not download the whole blob")
        XCTAssertThrowsError(try reader.open(stored.key, range: 0..<(Int64(bytes.count) + 1))) { error in
            guard case StorageError.blobIO(operation: "open", _, _) = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertThrowsError(try reader.open(BlobKey(hex: String(repeating: "0", count: 64)), range: 0..<1)) { error in
            XCTAssertEqual(error as? StorageError, .blobNotFound(key: String(repeating: "0", count: 64)))
        }
        // Once cached (a whole read), ranges come from the cached file's descriptor.
        XCTAssertEqual(try reader.withLocalFile(stored.key) { try Data(contentsOf: $0) }, bytes)
        let cached = try reader.open(stored.key, range: 10..<20)
        XCTAssertNotNil(try cached.duplicateLocalDescriptor().map { close($0.descriptor) })
        XCTAssertEqual(try cached.read(), bytes.subdata(in: 10..<20))
    }

    func testListingFollowsContinuationTokens() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        var keys: Set<String> = []
        for index in 0..<7 { keys.insert(try store.put(data: Data("blob \(index)".utf8)).key.hex) }
        var seen: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try store.client.listObjects(prefix: store.configuration.keyPrefix, continuationToken: token, maxKeys: 3)
            seen += page.objects.map { String($0.key.dropFirst(store.configuration.keyPrefix.count)) }
            token = page.continuationToken
            pages += 1
        } while token != nil && pages < 10
        XCTAssertEqual(pages, 3)
        XCTAssertEqual(Set(seen), keys)
        XCTAssertEqual(Set(try store.list().map(\.key.hex)), keys)
    }

    func testForeignObjectsUnderThePrefixAreNotListedAsBlobs() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        _ = try store.client.putObject(key: store.configuration.keyPrefix + "README.txt", body: .data(Data("hi".utf8)), sha256: nil)
        let blob = try store.put(data: Data("real".utf8))
        XCTAssertEqual(try store.list().map(\.key), [blob.key])
    }

    func testAbandonedMultipartUploadsAndLocalSpoolFilesAreRemoved() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let key = store.configuration.keyPrefix + String(repeating: "a", count: 64)
        let uploadID = try store.client.createMultipartUpload(key: key)
        _ = try store.client.uploadPart(key: key, uploadID: uploadID, number: 1, body: .data(Data("part".utf8)), sha256: nil)
        let spool = store.temporaryFolder.appendingPathComponent("\(UUID().uuidString).partial")
        try Data("half a blob".utf8).write(to: spool)
        XCTAssertEqual(try store.client.listMultipartUploads(prefix: store.configuration.keyPrefix).map(\.uploadID), [uploadID])

        // Younger than the cutoff: kept.
        XCTAssertEqual(try store.removeAbandonedUploads(olderThan: Date().addingTimeInterval(-3600)), 0)
        XCTAssertEqual(try store.removeAbandonedUploads(olderThan: Date().addingTimeInterval(5)), 2)
        XCTAssertEqual(try store.client.listMultipartUploads(prefix: store.configuration.keyPrefix), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: spool.path))
        XCTAssertNil(try store.head(BlobKey(hex: String(repeating: "a", count: 64))), "an aborted upload leaves no object")
    }

    func testFailingInputLeavesNothingBehind() throws {
        struct Broken: BlobInput {
            var sent = 0
            mutating func read(upTo count: Int) throws -> Data {
                sent += 1
                if sent > 2 { throw StorageError.blobIO(operation: "read", path: "client", message: "connection reset") }
                return Data(repeating: 7, count: count)
            }
        }
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        var input = Broken()
        XCTAssertThrowsError(try store.put(&input))
        XCTAssertEqual(try store.list(), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.temporaryFolder.path), [])
    }

    func testVirtualHostAddressing() throws {
        let server = try S3Harness.server()
        var configuration = S3Harness.configuration(server)
        // curl resolves *.localhost to loopback itself; SeaweedFS runs with -s3.domainName=localhost.
        configuration.endpoint = S3Endpoint(scheme: "http", host: "localhost", port: server.port)
        configuration.addressing = .virtual
        let store = try S3Harness.store(configuration, in: self)
        let exchange = store.client.exchange(for: .init(operation: "GET object", method: "GET", key: "k"), date: Date())
        XCTAssertTrue(exchange.url.hasPrefix("http://\(S3TestServer.bucket).localhost:\(server.port)/k"), exchange.url)
        let stored = try store.put(data: Data("virtual".utf8))
        XCTAssertEqual(try store.data(for: stored.key), Data("virtual".utf8))
        XCTAssertEqual(try store.list().map(\.key), [stored.key])
    }
}
