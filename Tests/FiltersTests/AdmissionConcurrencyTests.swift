import Filters
import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// Custom filters and uploads created at once over several `Database` instances on one file
/// (several processes' worth of connections): the plan's allowances hold exactly.
final class AdmissionConcurrencyTests: FiltersTestCase {
    /// Filter and asset services over their own connections to the same database and blobs.
    private func services(_ count: Int) throws -> [(filters: FilterService, assets: AssetService)] {
        try (0..<count).map { _ in
            let database = try testDatabase.open()
            let quotas = try QuotaService(database: database, clock: clock)
            return (FilterService(database: database, blobs: blobs, quotas: quotas, models: try Self.models(), clock: clock),
                    AssetService(database: database, blobs: blobs, quotas: quotas, clock: clock))
        }
    }

    func testConcurrentFilterCreationsStopExactlyAtTheCustomFilterAllowance() throws {
        let account = try makeAccount(plan: "premium")  // style images up to 4096 px
        _ = try quotas.administration.setOverride(.customFilters, to: 2, forAccount: account)
        let services = try services(3)
        let images = ["la_muse.jpg", "asheville.jpg", "antimonocromatismo.jpg", "brushstrokes.jpg", "mondrian.jpg", "the_resevoir_at_poitiers.jpg"]
            .map(style).filter { FileManager.default.fileExists(atPath: $0.path) }
        XCTAssertGreaterThanOrEqual(images.count, 4, "fixture style images")
        let outcomes = Hammer.run(threads: images.count) { thread, _ in
            try services[thread % services.count].filters.create(account: account, styleImage: images[thread], name: "style \(thread)")
        }
        XCTAssertEqual(outcomes.compactMap(\.value).count, 2)
        for error in outcomes.compactMap(\.error) {
            guard case FiltersError.quota(.quotaExceeded(.customFilters, _, 2, 1, _, _)) = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try filters.list(account: account, limit: 100).items.filter { !$0.isGallery }.count, 2)
    }

    func testConcurrentUploadsStopExactlyAtTheStoredBytesAllowance() throws {
        let account = try makeAccount()
        // Room for exactly three of these (distinct) uploads.
        let uploads = try (0..<8).map { index -> URL in
            var bytes = try Data(contentsOf: contentImage("brad_pitt.jpg"))
            bytes.append(contentsOf: [0xFF, 0xD9, UInt8(index)])  // distinct bytes after the JPEG's end
            return try upload(bytes, named: "copy-\(index).jpg")
        }
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: uploads[0].path)[.size] as? NSNumber).int64Value
        _ = try quotas.administration.setOverride(.storedBytes, to: 3 * size + size / 2, forAccount: account)
        let services = try services(4)
        let outcomes = Hammer.run(threads: uploads.count) { thread, _ in
            try services[thread % services.count].assets.create(account: account, uploadedFile: uploads[thread], declaredName: nil)
        }
        XCTAssertEqual(outcomes.compactMap(\.value).count, 3)
        for error in outcomes.compactMap(\.error) {
            guard case FiltersError.quota(.quotaExceeded(.storedBytes, _, _, _, _, _)) = error else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try assets.list(account: account, limit: 100).items.count, 3)
    }
}
