import Filters
import Foundation
import Storage
import TestSupport
import XCTest

/// An upload that deduplicates against an unreferenced blob while a sweep deletes that blob.
final class SweepRaceTests: FiltersTestCase {
    /// The real disk store, with a hook run right after a put that found its bytes already
    /// stored: the moment a concurrent sweep can pull the blob away.
    struct HookedBlobStore: BlobStore {
        let inner: LocalDiskBlobStore
        let afterDeduplicatedPut: @Sendable () throws -> Void

        func put<Input: BlobInput>(_ input: inout Input) throws -> StoredBlob {
            let stored = try inner.put(&input)
            if !stored.created { try afterDeduplicatedPut() }
            return stored
        }
        func head(_ key: BlobKey) throws -> BlobHead? { try inner.head(key) }
        func open(_ key: BlobKey, range: Range<Int64>?) throws -> BlobReadStream { try inner.open(key, range: range) }
        func withLocalFile<T>(_ key: BlobKey, _ body: (URL) throws -> T) throws -> T { try inner.withLocalFile(key, body) }
        func delete(_ key: BlobKey) throws { try inner.delete(key) }
        func list() throws -> [BlobHead] { try inner.list() }
        func removeAbandonedUploads(olderThan cutoff: Date) throws -> Int { try inner.removeAbandonedUploads(olderThan: cutoff) }
    }

    func testUploadSurvivesASweepThatRemovesTheBlobItDeduplicatedAgainst() throws {
        let account = try makeAccount()
        let file = contentImage("brad_pitt.jpg")
        // An earlier asset with the same bytes, deleted: its blob is unreferenced.
        let old = try assets.create(account: account, uploadedFile: file, declaredName: nil)
        try assets.delete(old.id, account: account)
        clock.advance(7200)

        let sweeps = SweepCounter()
        let sweeper = self.sweeper
        let hooked = HookedBlobStore(inner: blobs) {
            // Only the first time: the retry must then succeed.
            guard sweeps.next() == 1 else { return }
            XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 1)
        }
        let racing = AssetService(database: database, blobs: hooked, quotas: quotas, clock: clock)
        let asset = try racing.create(account: account, uploadedFile: file, declaredName: nil)

        XCTAssertEqual(sweeps.count, 1, "the upload deduplicated once, lost its blob to the sweep, and stored it again")
        XCTAssertEqual(try assets.content(asset.id, account: account).data(), try Data(contentsOf: file))
        XCTAssertEqual(try count("blobs"), 1)
        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 0, "referenced now")
    }

    final class SweepCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }

        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }
}
