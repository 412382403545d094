import Filters
import Foundation
import TestSupport
import XCTest

/// Another account's filters and assets answer exactly like missing ones.
final class TenantIsolationTests: FiltersTestCase {
    func testAnotherAccountsFilterIsNotFoundForEveryOperation() throws {
        let owner = try makeAccount()
        let intruder = try makeAccount()
        let filter = try filters.create(account: owner, styleImage: style("sketch.png"), name: "Private")
        let missing = FiltersError.notFound(resource: .filter, id: filter.id.rawValue)

        XCTAssertThrowsFiltersError(try filters.get(filter.id, account: intruder), missing)
        XCTAssertThrowsFiltersError(try filters.thumbnail(filter.id, account: intruder), missing)
        XCTAssertThrowsFiltersError(try filters.rename(filter.id, account: intruder, to: "Mine now"), missing)
        XCTAssertThrowsFiltersError(try filters.delete(filter.id, account: intruder), missing)
        XCTAssertThrowsFiltersError(try filters.styleCode(filter: filter.id, model: .microast, account: intruder), missing)
        XCTAssertThrowsFiltersError(try filters.pin([filter.id], account: intruder, holder: "sty_x", until: clock.now.addingTimeInterval(60)), missing)
        XCTAssertThrowsFiltersError(
            try filters.list(account: intruder, startingAfter: filter.id.rawValue), .invalidCursor(filter.id.rawValue))
        XCTAssertEqual(try filters.list(account: intruder).items, [])

        // Same answer as an id that never existed, and as a malformed one.
        let never = try FilterID.generate()
        XCTAssertThrowsFiltersError(try filters.get(never, account: intruder), .notFound(resource: .filter, id: never.rawValue))
        XCTAssertThrowsFiltersError(try FilterID.parse("flt_../../etc"), .notFound(resource: .filter, id: "flt_../../etc"))

        // Nothing changed for the owner.
        XCTAssertEqual(try filters.get(filter.id, account: owner).name, "Private")
    }

    func testAnotherAccountsAssetIsNotFoundForEveryOperation() throws {
        let owner = try makeAccount()
        let intruder = try makeAccount()
        let asset = try assets.create(account: owner, uploadedFile: contentImage("brad_pitt.jpg"), declaredName: "me.jpg")
        let missing = FiltersError.notFound(resource: .asset, id: asset.id.rawValue)

        XCTAssertThrowsFiltersError(try assets.get(asset.id, account: intruder), missing)
        XCTAssertThrowsFiltersError(try assets.content(asset.id, account: intruder), missing)
        XCTAssertThrowsFiltersError(try assets.delete(asset.id, account: intruder), missing)
        XCTAssertThrowsFiltersError(try assets.pin(asset.id, account: intruder, holder: "sty_x", until: clock.now.addingTimeInterval(60)), missing)
        XCTAssertThrowsFiltersError(try assets.list(account: intruder, startingAfter: asset.id.rawValue), .invalidCursor(asset.id.rawValue))
        XCTAssertEqual(try assets.list(account: intruder).items, [])
        XCTAssertThrowsFiltersError(try AssetID.parse("flt_notanasset"), .notFound(resource: .asset, id: "flt_notanasset"))

        XCTAssertEqual(try assets.get(asset.id, account: owner), asset)
    }

    func testGalleryFiltersAreVisibleToEveryAccountButChangeableByNone() throws {
        let folder = directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: style("sketch.png"), to: folder.appendingPathComponent("sketch.png"))
        let gallery = try XCTUnwrap(try filters.seedGallery(from: folder).added.first)
        for account in [try makeAccount(), try makeAccount(plan: "premium")] {
            XCTAssertEqual(try filters.get(gallery.id, account: account), gallery)
            XCTAssertEqual(try filters.thumbnail(gallery.id, account: account).mediaType, "image/jpeg")
            XCTAssertEqual(try filters.styleCode(filter: gallery.id, model: .microast, account: account).model, .microast)
            XCTAssertThrowsFiltersError(try filters.rename(gallery.id, account: account, to: "Hijacked"), .galleryFilterReadOnly(id: gallery.id.rawValue))
            XCTAssertThrowsFiltersError(try filters.delete(gallery.id, account: account), .galleryFilterReadOnly(id: gallery.id.rawValue))
        }
    }
}
