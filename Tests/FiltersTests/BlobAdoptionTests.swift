import Filters
import Foundation
import Storage
import TestSupport
import XCTest

/// Uploads spooled beside the blob store become blobs without a copy.
final class BlobAdoptionTests: FiltersTestCase {
    func testSpooledUploadIsAdoptedAsAHardLinkNotCopied() throws {
        let bytes = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 40503 >> 5) })
        let spool = directory.appendingPathComponent("spool-\(UUID().uuidString)")
        try bytes.write(to: spool)

        let blob = try blobs.put(adoptingFileAt: spool)
        XCTAssertTrue(blob.created)
        XCTAssertEqual(blob.size, Int64(bytes.count))
        XCTAssertEqual(blob.key.hex, try SHA256Hasher.hex(ofFile: spool))
        let stored = try blobs.withLocalFile(blob.key) { $0 }
        XCTAssertEqual(try inode(stored), try inode(spool), "the blob is the spooled file itself")

        try FileManager.default.removeItem(at: spool)
        XCTAssertEqual(try Data(contentsOf: stored), bytes, "deleting the spool name leaves the blob whole")
        XCTAssertEqual(filesInBlobStore().filter { $0.hasSuffix(".partial") }, [], "no temporary link is left behind")

        let again = directory.appendingPathComponent("spool-\(UUID().uuidString)")
        try bytes.write(to: again)
        let duplicate = try blobs.put(adoptingFileAt: again)
        XCTAssertFalse(duplicate.created, "the same bytes are stored once")
        XCTAssertEqual(duplicate.key, blob.key)
    }

    func testImageAssetUploadSharesItsFileWithTheBlob() throws {
        let account = try makeAccount()
        let spool = try upload(try Data(contentsOf: contentImage("chicago.jpg")), named: "spooled.jpg")
        let asset = try assets.create(account: account, uploadedFile: spool, declaredName: "chicago.jpg")
        let stored = try assets.content(asset.id, account: account)
        XCTAssertEqual(try inode(blobs.path(for: stored.key)), try inode(spool))
    }

    private func inode(_ url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try XCTUnwrap((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
    }
}
