import Filters
import Foundation
import TestSupport
import XCTest

final class GalleryTests: FiltersTestCase {
    var folder: URL { directory.appendingPathComponent("gallery") }

    /// Three small gallery images in a temporary folder (seeding all 20 would cost too much).
    func makeGalleryFolder() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (source, name) in [
            ("antimonocromatismo.jpg", "woman_with_hat_matisse.jpg"),
            ("sketch.png", "sketch.png"),
            ("trial.jpg", "scene-de rue.JPG"),
        ] {
            try FileManager.default.copyItem(at: style(source), to: folder.appendingPathComponent(name))
        }
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("README.txt"))
    }

    func testSeedingTwiceAddsNothingTheSecondTimeAndNamesAreReadable() throws {
        try makeGalleryFolder()
        let first = try filters.seedGallery(from: folder)
        XCTAssertEqual(first.added.map(\.name), ["Scene De Rue", "Sketch", "Woman With Hat Matisse"])
        XCTAssertEqual(first.failed, [])
        XCTAssertTrue(first.added.allSatisfy { $0.isGallery && $0.models.contains(.microast) })
        XCTAssertEqual(try count("filter_style_codes"), 3 * (try Self.models().count))

        let second = try filters.seedGallery(from: folder)
        XCTAssertEqual(second.added, [])
        XCTAssertEqual(second.unchanged, 3)
        XCTAssertEqual(try count("filters"), 3)

        // A restart (new services on the same files) seeds nothing either.
        closeServices()
        try openServices()
        XCTAssertEqual(try filters.seedGallery(from: folder).added, [])
        XCTAssertEqual(try filters.list(account: try makeAccount()).items.map(\.id), first.added.map(\.id))
    }

    func testRenamedGalleryFileKeepsItsFilter() throws {
        try makeGalleryFolder()
        _ = try filters.seedGallery(from: folder)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("sketch.png"), to: folder.appendingPathComponent("pencil.png"))
        XCTAssertEqual(try filters.seedGallery(from: folder).added, [])
    }

    func testABadGalleryImageIsReportedAndTheOthersAreSeeded() throws {
        try makeGalleryFolder()
        try Data([0xFF, 0xD8, 0xFF]).write(to: folder.appendingPathComponent("broken.jpg"))
        let report = try filters.seedGallery(from: folder)
        XCTAssertEqual(report.added.count, 3)
        XCTAssertEqual(report.failed.map(\.fileName), ["broken.jpg"])
        guard case .corruptMedia = report.failed.first?.error else { return XCTFail("\(report.failed)") }
    }

    func testGalleryFiltersDoNotCountAgainstTheCustomFilterLimit() throws {
        try makeGalleryFolder()
        _ = try filters.seedGallery(from: folder)
        let account = try makeAccount()
        _ = try quotas.administration.setOverride(.customFilters, to: 1, forAccount: account)
        XCTAssertEqual(try filters.create(account: account, styleImage: style("sketch.png"), name: "Own").name, "Own")
    }
}
