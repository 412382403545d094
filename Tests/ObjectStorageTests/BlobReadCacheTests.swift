import Foundation
@testable import ObjectStorage
import Storage
import TestSupport
import XCTest

/// The S3 store's local read cache: bounded by bytes with least-recently-used eviction, and
/// never trusting a file it has not hashed.
final class BlobReadCacheTests: XCTestCase {
    func testLeastRecentlyUsedBlobIsEvictedPastTheCapacity() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server, cacheBytes: 250_000), in: self)
        let first = try store.put(data: S3Harness.bytes(100_000, seed: 11))
        let second = try store.put(data: S3Harness.bytes(100_000, seed: 12))
        XCTAssertEqual(store.cache.keys, [first.key.hex, second.key.hex])
        _ = try store.withLocalFile(first.key) { $0 }  // now the most recently used
        let third = try store.put(data: S3Harness.bytes(100_000, seed: 13))
        XCTAssertEqual(store.cache.keys, [first.key.hex, third.key.hex])
        XCTAssertLessThanOrEqual(store.cache.bytes, 250_000)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.cache.path(for: second.key).path))
        // The evicted blob is fetched again from S3 on demand.
        XCTAssertEqual(try store.data(for: second.key), S3Harness.bytes(100_000, seed: 12))
        // ...and evicts the least recently used of the others (first was used before third).
        XCTAssertEqual(store.cache.keys, [third.key.hex, second.key.hex])
        XCTAssertLessThanOrEqual(store.cache.bytes, 250_000)
    }

    func testABlobLargerThanTheCacheStillPassesThrough() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server, cacheBytes: 1000), in: self)
        let bytes = S3Harness.bytes(50_000, seed: 14)
        let stored = try store.put(data: bytes)
        let other = try S3Harness.store(S3Harness.configuration(server, prefix: store.configuration.prefix, cacheBytes: 1000), in: self)
        XCTAssertEqual(try Data(contentsOf: other.withLocalFile(stored.key) { $0 }), bytes)
        XCTAssertEqual(try other.data(for: stored.key), bytes)
    }

    func testACorruptedCacheFileIsFetchedAgain() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let bytes = S3Harness.bytes(64_000, seed: 15)
        let stored = try store.put(data: bytes)
        let cached = store.cache.path(for: stored.key)
        XCTAssertEqual(try Data(contentsOf: cached), bytes)

        // Same size, one byte flipped (its modification time changes, so it is hashed again).
        var damaged = bytes
        damaged[1000] ^= 0xFF
        try damaged.write(to: cached)
        XCTAssertEqual(try Data(contentsOf: store.withLocalFile(stored.key) { $0 }), bytes)

        // Truncated.
        try bytes.prefix(10).write(to: cached)
        XCTAssertEqual(try store.data(for: stored.key), bytes)
    }

    func testFilesLeftByAnEarlierRunAreVerifiedBeforeUse() throws {
        let server = try S3Harness.server()
        let configuration = S3Harness.configuration(server)
        let local = try Fixtures.temporaryDirectory("s3-restart")
        defer { try? FileManager.default.removeItem(at: local) }
        let good = S3Harness.bytes(30_000, seed: 16)
        let bad = S3Harness.bytes(30_000, seed: 17)
        var goodKey: BlobKey?
        var badKey: BlobKey?
        do {
            let store = try S3BlobStore(configuration: configuration, localDirectory: local)
            goodKey = try store.put(data: good).key
            badKey = try store.put(data: bad).key
        }
        // Damaged while no process ran, with its old modification time restored.
        let badFile = local.appendingPathComponent("cache/\(badKey!.hex)")
        let modified = try FileManager.default.attributesOfItem(atPath: badFile.path)[.modificationDate] as! Date
        var damaged = bad
        damaged[0] ^= 1
        try damaged.write(to: badFile)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: badFile.path)
        try Data("stray".utf8).write(to: local.appendingPathComponent("cache/not-a-blob"))

        let restarted = try S3BlobStore(configuration: configuration, localDirectory: local)
        XCTAssertEqual(restarted.cache.keys, [goodKey!.hex, badKey!.hex])
        XCTAssertFalse(FileManager.default.fileExists(atPath: local.appendingPathComponent("cache/not-a-blob").path))
        XCTAssertEqual(try Data(contentsOf: restarted.withLocalFile(goodKey!) { $0 }), good)
        XCTAssertEqual(try Data(contentsOf: restarted.withLocalFile(badKey!) { $0 }), bad)
    }

    func testDeleteRemovesTheCachedCopy() throws {
        let server = try S3Harness.server()
        let store = try S3Harness.store(S3Harness.configuration(server), in: self)
        let stored = try store.put(data: Data("cached then deleted".utf8))
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.cache.path(for: stored.key).path))
        try store.delete(stored.key)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.cache.path(for: stored.key).path))
        XCTAssertThrowsError(try store.open(stored.key))
    }
}
