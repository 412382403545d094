import Filters
import Foundation
import Inference
import Jobs
import Media
import Quotas
import Storage
import TestSupport
import XCTest

final class CustomFilterTests: FiltersTestCase {
    func testCustomFilterHasA256PixelJPEGThumbnailAndTheStyleCodeOfTheImage() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("antimonocromatismo.jpg"), name: "  My style ")

        XCTAssertTrue(filter.id.rawValue.hasPrefix("flt_"))
        XCTAssertEqual(filter.name, "My style")
        XCTAssertEqual(filter.accountID, account)
        XCTAssertFalse(filter.isGallery)
        XCTAssertEqual([filter.width, filter.height], [512, 512])
        XCTAssertEqual(filter.styleMediaType, "image/jpeg")
        XCTAssertTrue(filter.models.contains(.microast))

        let thumbnail = try filters.thumbnail(filter.id, account: account)
        XCTAssertEqual(thumbnail.mediaType, "image/jpeg")
        let thumbnailData = try thumbnail.data()
        XCTAssertEqual(Int64(thumbnailData.count), thumbnail.bytes)
        let info = try ImageProbe.probe(thumbnailData)
        XCTAssertEqual(info.format, .jpeg)
        XCTAssertEqual([info.width, info.height], [256, 256])

        let model = try XCTUnwrap(try Self.models().first { $0.kind == .microast })
        let direct = try ImageStylizer(model: model).styleCode(for: try ImageDecoder.decode(contentsOf: style("antimonocromatismo.jpg")))
        XCTAssertEqual(try filters.styleCode(filter: filter.id, model: .microast, account: account), direct)
    }

    func testNonSquareStyleImageGetsACentreCroppedSquareThumbnail() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("mondrian_cropped.jpg"), name: "Wide")
        XCTAssertEqual([filter.width, filter.height], [600, 380])
        let info = try ImageProbe.probe(try filters.thumbnail(filter.id, account: account).data())
        XCTAssertEqual([info.width, info.height], [256, 256])
    }

    func testFiltersSurviveARestartOnTheSameDirectories() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("sketch.png"), name: "Sketch")
        let code = try filters.styleCode(filter: filter.id, model: .microast, account: account)
        let thumbnail = try filters.thumbnail(filter.id, account: account).data()

        closeServices()
        try openServices()

        XCTAssertEqual(try filters.get(filter.id, account: account), filter)
        XCTAssertEqual(try filters.styleCode(filter: filter.id, model: .microast, account: account), code)
        XCTAssertEqual(try filters.thumbnail(filter.id, account: account).data(), thumbnail)
        XCTAssertEqual(try filters.list(account: account).items.map(\.id), [filter.id])
    }

    func testStyleCodeIsReadFromTheCacheNotRecomputed() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("antimonocromatismo.jpg"), name: "Cached")
        // Overwrite the cached code with a recognisable one: styleCode must return exactly it.
        let marker = StyleCode(model: .microast, values: [Float](repeating: 0.25, count: ModelKind.microast.styleCodeLength))
        try database.write { connection in
            try connection.run("UPDATE filter_style_codes SET code = ? WHERE filter_id = ?", marker.serialized(), filter.id.rawValue)
        }
        XCTAssertEqual(try filters.styleCode(filter: filter.id, model: .microast, account: account), marker)
    }

    func testStyleCodeOfAModelInstalledLaterIsComputedOnceAndCached() throws {
        let account = try makeAccount()
        // A server without models makes the filter: no code is cached.
        let bare = FilterService(database: database, blobs: blobs, quotas: quotas, models: [], clock: clock)
        let filter = try bare.create(account: account, styleImage: style("antimonocromatismo.jpg"), name: "Later")
        XCTAssertEqual(filter.models, [])
        XCTAssertThrowsFiltersError(try bare.styleCode(filter: filter.id, model: .microast, account: account), .modelUnavailable(.microast))

        let code = try filters.styleCode(filter: filter.id, model: .microast, account: account)
        XCTAssertEqual(code.model, .microast)
        XCTAssertEqual(try filters.get(filter.id, account: account).models, [.microast])
        XCTAssertEqual(try bare.styleCode(filter: filter.id, model: .microast, account: account), code, "now served from the cache")
    }

    func testRenameChangesTheNameAndRefusesInvalidNames() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("sketch.png"), name: "Old")
        clock.advance(5)
        let renamed = try filters.rename(filter.id, account: account, to: "New name")
        XCTAssertEqual(renamed.name, "New name")
        XCTAssertGreaterThan(renamed.updatedAt, filter.updatedAt)
        XCTAssertEqual(try filters.get(filter.id, account: account).name, "New name")

        XCTAssertThrowsFiltersError(try filters.rename(filter.id, account: account, to: "  "), .invalidName(reason: "the name is empty"))
        XCTAssertThrowsFiltersError(
            try filters.rename(filter.id, account: account, to: String(repeating: "x", count: 101)),
            .invalidName(reason: "the name has 101 characters, at most 100 are allowed"))
        XCTAssertThrowsFiltersError(
            try filters.rename(filter.id, account: account, to: "two\nlines"), .invalidName(reason: "the name contains control characters"))
        XCTAssertEqual(try filters.get(filter.id, account: account).name, "New name")
    }

    func testDeletedFilterIsGoneAndItsBlobsAreSweptAfterTheGracePeriod() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("sketch.png"), name: "Doomed")
        XCTAssertEqual(try count("blobs"), 2)
        try filters.delete(filter.id, account: account)
        XCTAssertThrowsFiltersError(try filters.get(filter.id, account: account), .notFound(resource: .filter, id: filter.id.rawValue))
        XCTAssertThrowsFiltersError(try filters.delete(filter.id, account: account), .notFound(resource: .filter, id: filter.id.rawValue))
        XCTAssertEqual(try count("filters"), 0)
        XCTAssertEqual(try count("filter_style_codes"), 0)

        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 0, "within the grace period")
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 2)
        try assertNothingStored()
    }

    func testFilterPinnedByAJobOutlivesItsDeletionForThatJobOnly() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("sketch.png"), name: "Pinned")
        let code = try filters.styleCode(filter: filter.id, model: .microast, account: account)
        try filters.pin([filter.id], account: account, holder: "sty_job1", until: clock.now.addingTimeInterval(7200))

        try filters.delete(filter.id, account: account)
        XCTAssertThrowsFiltersError(try filters.get(filter.id, account: account), .notFound(resource: .filter, id: filter.id.rawValue))
        XCTAssertEqual(try filters.list(account: account).items, [])
        XCTAssertThrowsFiltersError(
            try filters.styleCode(filter: filter.id, model: .microast, account: account), .notFound(resource: .filter, id: filter.id.rawValue))
        XCTAssertEqual(try filters.styleCode(filter: filter.id, model: .microast, account: account, holder: "sty_job1"), code)

        clock.advance(3601)
        let report = try sweeper.sweep()
        XCTAssertEqual(report.filters, 0, "the pin is live, so the sweeper keeps it")
        XCTAssertEqual(try count("filters"), 1)
        XCTAssertEqual(try count("blobs"), 2)

        try filters.unpin(holder: "sty_job1")
        XCTAssertEqual(try count("filters"), 0)
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 2)
        try assertNothingStored()
    }

    func testExpiredPinNoLongerKeepsADeletedFilter() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("sketch.png"), name: "Crashed job")
        try filters.pin([filter.id], account: account, holder: "sty_dead", until: clock.now.addingTimeInterval(60))
        try filters.delete(filter.id, account: account)
        XCTAssertEqual(try count("filters"), 1)
        clock.advance(61)
        let report = try sweeper.sweep()
        XCTAssertEqual(report.expiredPins, 1)
        XCTAssertEqual(report.filters, 1)
        XCTAssertThrowsFiltersError(
            try filters.styleCode(filter: filter.id, model: .microast, account: account, holder: "sty_dead"),
            .notFound(resource: .filter, id: filter.id.rawValue))
    }

    func testPinningAFilterTheAccountCannotUsePinsNothing() throws {
        let account = try makeAccount()
        let filter = try filters.create(account: account, styleImage: style("sketch.png"), name: "Mine")
        let missing = try FilterID.generate()
        XCTAssertThrowsFiltersError(
            try filters.pin([filter.id, missing], account: account, holder: "sty_x", until: clock.now.addingTimeInterval(60)),
            .notFound(resource: .filter, id: missing.rawValue))
        XCTAssertEqual(try count("filter_pins"), 0)
    }

    func testPlanCustomFilterCountIsEnforced() throws {
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.customFilters, to: 2, forAccount: account)
        let first = try filters.create(account: account, styleImage: style("sketch.png"), name: "One")
        _ = try filters.create(account: account, styleImage: style("antimonocromatismo.jpg"), name: "Two")
        XCTAssertThrowsFiltersError(
            try filters.create(account: account, styleImage: style("trial.jpg"), name: "Three"),
            .quota(.quotaExceeded(limit: .customFilters, used: 2, allowed: 2, requested: 1, plan: "free", upgradeTo: "premium")))
        XCTAssertEqual(try count("filters"), 2)

        try filters.delete(first.id, account: account)
        XCTAssertEqual(try filters.create(account: account, styleImage: style("trial.jpg"), name: "Three").name, "Three")
    }

    func testStyleImageOverThePlansImageLimitIsRefusedBeforeDecoding() throws {
        let account = try makeAccount()
        XCTAssertThrowsFiltersError(
            try filters.create(account: account, styleImage: contentImage("avril.jpg"), name: "Big"),
            .quota(.planLimit(limit: .imageLongSide, allowed: 1024, requested: 1680, plan: "free", upgradeTo: "premium")))
        try assertNothingStored()
        let premium = try makeAccount(plan: "premium")
        XCTAssertEqual(try filters.create(account: premium, styleImage: contentImage("avril.jpg"), name: "Big").width, 1680)
    }

    func testSameStyleImageTwiceIsStoredOnce() throws {
        let account = try makeAccount()
        let one = try filters.create(account: account, styleImage: style("sketch.png"), name: "A")
        let two = try filters.create(account: account, styleImage: style("sketch.png"), name: "B")
        XCTAssertNotEqual(one.id, two.id)
        XCTAssertEqual(try count("blobs"), 2, "one style image and one thumbnail")
        XCTAssertEqual(filesInBlobStore().filter { !$0.hasPrefix("tmp/") }.count, 2)
        try filters.delete(one.id, account: account)
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.unreferencedBlobs, 0, "still used by the other filter")
        XCTAssertEqual(try filters.thumbnail(two.id, account: account).data().isEmpty, false)
    }

    func testListShowsTheGalleryByNameThenOwnFiltersNewestFirstInPages() throws {
        let galleryFolder = directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: galleryFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: style("sketch.png"), to: galleryFolder.appendingPathComponent("b_sketch.png"))
        try FileManager.default.copyItem(at: style("trial.jpg"), to: galleryFolder.appendingPathComponent("a_trial.jpg"))
        _ = try filters.seedGallery(from: galleryFolder)
        let account = try makeAccount()
        let older = try filters.create(account: account, styleImage: style("sketch.png"), name: "Older")
        clock.advance(10)
        let newer = try filters.create(account: account, styleImage: style("antimonocromatismo.jpg"), name: "Newer")
        let other = try makeAccount()
        _ = try filters.create(account: other, styleImage: style("sketch.png"), name: "Not mine")

        let all = try filters.list(account: account, limit: 100)
        XCTAssertEqual(all.items.map(\.name), ["A Trial", "B Sketch", "Newer", "Older"])
        XCTAssertFalse(all.hasMore)

        var names: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try filters.list(account: account, limit: 1, startingAfter: cursor)
            names += page.items.map(\.name)
            cursor = page.items.last?.id.rawValue
            pages += 1
            if !page.hasMore { break }
        } while pages < 10
        XCTAssertEqual(names, ["A Trial", "B Sketch", "Newer", "Older"])
        XCTAssertEqual(try filters.list(account: account, limit: 2, startingAfter: all.items[1].id.rawValue).items.map(\.id), [newer.id, older.id])

        XCTAssertThrowsFiltersError(try filters.list(account: account, limit: 0), .invalidLimit(0))
        XCTAssertThrowsFiltersError(try filters.list(account: account, limit: 101), .invalidLimit(101))
        XCTAssertThrowsFiltersError(try filters.list(account: account, startingAfter: "flt_nope"), .invalidCursor("flt_nope"))
    }
}
