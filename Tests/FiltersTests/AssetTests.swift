import Filters
import Foundation
import Media
import Quotas
import Storage
import TestSupport
import XCTest

final class AssetTests: FiltersTestCase {
    func testImageAssetRecordsWhatItsContentSaysNotItsName() throws {
        let account = try makeAccount()
        let file = contentImage("blonde_girl.jpg")
        let asset = try assets.create(account: account, uploadedFile: file, declaredName: "holiday.png")
        XCTAssertTrue(asset.id.rawValue.hasPrefix("ast_"))
        XCTAssertEqual(asset.kind, .image)
        XCTAssertEqual(asset.mediaType, "image/jpeg")
        XCTAssertEqual(asset.name, "holiday.png")
        XCTAssertEqual([asset.width, asset.height, asset.frames], [600, 800, 1])
        XCTAssertNil(asset.durationSeconds)
        let bytes = try Data(contentsOf: file)
        XCTAssertEqual(asset.bytes, Int64(bytes.count))
        XCTAssertEqual(asset.expiresAt.timeIntervalSince(asset.createdAt), 86_400, "free plan retention")

        let download = try assets.content(asset.id, account: account)
        XCTAssertEqual(download.mediaType, "image/jpeg")
        XCTAssertEqual(try download.data(), bytes)
        XCTAssertEqual(try assets.get(asset.id, account: account), asset)
    }

    func testVideoAssetIsProbedAndCheckedAgainstThePlan() throws {
        let info = try VideoProbe.probe(contentsOf: Fixtures.video)
        let premium = try makeAccount(plan: "premium")
        let asset = try assets.create(account: premium, uploadedFile: Fixtures.video, declaredName: nil)
        XCTAssertEqual(asset.kind, .video)
        XCTAssertEqual(asset.mediaType, "video/mp4")
        XCTAssertEqual([asset.width, asset.height, asset.frames], [info.displayWidth, info.displayHeight, info.frameCount])
        XCTAssertEqual(try XCTUnwrap(asset.durationSeconds), info.duration, accuracy: 0.001)
        XCTAssertEqual(asset.expiresAt.timeIntervalSince(asset.createdAt), 30 * 86_400)

        let free = try makeAccount()
        _ = try quotas.administration.setOverride(.videoFrames, to: Int64(info.frameCount - 1), forAccount: free)
        _ = try quotas.administration.setOverride(.videoLongSide, to: 4096, forAccount: free)
        XCTAssertThrowsError(try assets.create(account: free, uploadedFile: Fixtures.video, declaredName: nil)) { error in
            guard case .quota(.planLimit(.videoFrames, _, Int64(info.frameCount), "free", _)) = error as? FiltersError else {
                return XCTFail("\(error)")
            }
        }
        XCTAssertEqual(try count("assets"), 1)
    }

    func testImageOverThePlanIsRefusedAndNothingStored() throws {
        let account = try makeAccount()
        XCTAssertThrowsFiltersError(
            try assets.create(account: account, uploadedFile: contentImage("avril.jpg"), declaredName: nil),
            .quota(.planLimit(limit: .imageLongSide, allowed: 1024, requested: 1680, plan: "free", upgradeTo: "premium")))
        try assertNothingStored()
    }

    func testBadUploadsAreRefusedWithPreciseErrors() throws {
        let account = try makeAccount()
        XCTAssertThrowsFiltersError(try assets.create(account: account, uploadedFile: try upload(Data()), declaredName: "x.jpg"), .emptyFile)
        XCTAssertThrowsError(try assets.create(account: account, uploadedFile: try upload(Data("hello, world".utf8)), declaredName: "x.mp4")) { error in
            XCTAssertEqual((error as? FiltersError)?.code, "unsupported_media_type")
        }
        let whole = try Data(contentsOf: contentImage("brad_pitt.jpg"))
        XCTAssertThrowsError(try assets.create(account: account, uploadedFile: try upload(whole.prefix(300)), declaredName: nil)) { error in
            XCTAssertEqual((error as? FiltersError)?.code, "corrupt_media", "\(error)")
        }
        let video = try Data(contentsOf: Fixtures.video)
        XCTAssertThrowsError(try assets.create(account: account, uploadedFile: try upload(video.prefix(video.count / 2)), declaredName: "cut.mp4")) { error in
            XCTAssertEqual((error as? FiltersError)?.code, "corrupt_media", "\(error)")
        }
        _ = try quotas.administration.setOverride(.storedBytes, to: 1000, forAccount: account)
        XCTAssertThrowsError(try assets.create(account: account, uploadedFile: contentImage("brad_pitt.jpg"), declaredName: nil)) { error in
            guard case .quota(.quotaExceeded(.storedBytes, 0, 1000, Int64(whole.count), "free", _)) = error as? FiltersError else {
                return XCTFail("\(error)")
            }
        }
        try assertNothingStored()
    }

    func testSameBytesUploadedTwiceAreStoredOnceAndCountedOnce() throws {
        let account = try makeAccount()
        let file = contentImage("brad_pitt.jpg")
        let size = Int64(try Data(contentsOf: file).count)
        // Room for exactly one copy: the second upload must not count the bytes again.
        _ = try quotas.administration.setOverride(.storedBytes, to: size * 2 - 1, forAccount: account)
        let first = try assets.create(account: account, uploadedFile: file, declaredName: "a.jpg")
        let second = try assets.create(account: account, uploadedFile: file, declaredName: "b.jpg")
        XCTAssertNotEqual(first.id, second.id)
        XCTAssertEqual(first.sha256, second.sha256)
        XCTAssertEqual(try count("blobs"), 1)
        XCTAssertEqual(filesInBlobStore().filter { !$0.hasPrefix("tmp/") }, [
            "\(first.sha256.prefix(2))/\(first.sha256.dropFirst(2).prefix(2))/\(first.sha256)",
        ])
    }

    func testListPagesNewestFirst() throws {
        let account = try makeAccount()
        var created: [Asset] = []
        for name in ["brad_pitt.jpg", "golden_gate.jpg", "sailboat.jpg"] {
            created.append(try assets.create(account: account, uploadedFile: contentImage(name), declaredName: name))
            clock.advance(1)
        }
        _ = try assets.create(account: try makeAccount(), uploadedFile: contentImage("flowers.jpg"), declaredName: nil)
        let first = try assets.list(account: account, limit: 2)
        XCTAssertEqual(first.items.map(\.name), ["sailboat.jpg", "golden_gate.jpg"])
        XCTAssertTrue(first.hasMore)
        let second = try assets.list(account: account, limit: 2, startingAfter: first.items.last?.id.rawValue)
        XCTAssertEqual(second.items.map(\.name), ["brad_pitt.jpg"])
        XCTAssertFalse(second.hasMore)
        XCTAssertThrowsFiltersError(try assets.list(account: account, limit: 0), .invalidLimit(0))
    }

    func testExpiredAssetsAreGoneAndSweptButPinnedOnesStayForTheirJob() throws {
        let account = try makeAccount()
        let kept = try assets.create(account: account, uploadedFile: contentImage("brad_pitt.jpg"), declaredName: nil)
        let dropped = try assets.create(account: account, uploadedFile: contentImage("golden_gate.jpg"), declaredName: nil)
        try assets.pin(kept.id, account: account, holder: "sty_running", until: clock.now.addingTimeInterval(3 * 86_400))

        clock.advance(86_401)
        XCTAssertThrowsFiltersError(try assets.get(dropped.id, account: account), .notFound(resource: .asset, id: dropped.id.rawValue))
        XCTAssertThrowsFiltersError(try assets.get(kept.id, account: account), .notFound(resource: .asset, id: kept.id.rawValue))
        XCTAssertEqual(try assets.list(account: account).items, [])

        let report = try sweeper.sweep()
        XCTAssertEqual(report.assets, 1)
        XCTAssertEqual(report.blobs.unreferencedBlobs, 1, "the expired asset's blob is older than the grace period")
        XCTAssertEqual(try count("assets"), 1)
        XCTAssertEqual(try count("blobs"), 1)
        // The running job still reads its content.
        let content = try assets.content(kept.id, account: account, holder: "sty_running")
        XCTAssertEqual(try content.data(), try Data(contentsOf: contentImage("brad_pitt.jpg")))

        try assets.unpin(holder: "sty_running")
        XCTAssertEqual(try count("assets"), 0)
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 1)
        try assertNothingStored()
    }

    func testDeletedAssetIsNotFoundAndItsBlobSweptOnlyWhenUnused() throws {
        let account = try makeAccount()
        let one = try assets.create(account: account, uploadedFile: contentImage("brad_pitt.jpg"), declaredName: nil)
        let two = try assets.create(account: account, uploadedFile: contentImage("brad_pitt.jpg"), declaredName: nil)
        try assets.delete(one.id, account: account)
        XCTAssertThrowsFiltersError(try assets.get(one.id, account: account), .notFound(resource: .asset, id: one.id.rawValue))
        XCTAssertThrowsFiltersError(try assets.delete(one.id, account: account), .notFound(resource: .asset, id: one.id.rawValue))
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 0, "the other asset uses the same blob")
        XCTAssertEqual(try assets.content(two.id, account: account).data().count, Int(two.bytes))
    }

    func testRestartKeepsAssets() throws {
        let account = try makeAccount()
        let asset = try assets.create(account: account, uploadedFile: contentImage("flowers.jpg"), declaredName: "f.jpg")
        closeServices()
        try openServices()
        XCTAssertEqual(try assets.get(asset.id, account: account), asset)
        XCTAssertEqual(try assets.content(asset.id, account: account).data(), try Data(contentsOf: contentImage("flowers.jpg")))
    }
}
