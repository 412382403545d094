import Common
import Foundation
import TestSupport
import XCTest

final class ResourceLocatorTests: XCTestCase {
    private let schema = ResourceLocator(folder: "Schema") { url in
        ResourceLocator.isDirectory(url) { $0.hasSuffix(".sql") }
    }

    func testTheCurrentDirectoryComesFirstAndOnlyUsableFoldersCount() throws {
        let directory = try Fixtures.temporaryDirectory("locator")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("Schema")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // An empty Schema/ does not hide the repository's.
        let fallback = try XCTUnwrap(schema.locate(currentDirectory: directory, executable: nil))
        XCTAssertNotEqual(fallback.path, folder.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fallback.appendingPathComponent("0001_accounts.sql").path),
                      "the repository the tests were compiled from: \(fallback.path)")

        try Data("SELECT 1;".utf8).write(to: folder.appendingPathComponent("0001_x.sql"))
        XCTAssertEqual(schema.locate(currentDirectory: directory, executable: nil)?.path, folder.path)
        XCTAssertTrue(schema.accepts(folder))
        XCTAssertFalse(schema.accepts(directory))
    }

    func testAFolderBesideThePackageOfTheExecutableIsACandidate() throws {
        let directory = try Fixtures.temporaryDirectory("locator-package")
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent(".build/release/stylify")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: directory.appendingPathComponent("Package.swift"))
        let candidates = schema.candidates(currentDirectory: URL(fileURLWithPath: "/"), executable: binary)
        XCTAssertEqual(candidates.map(\.path).prefix(2), ["/Schema", directory.appendingPathComponent("Schema").path])
    }
}

final class ClockTests: XCTestCase {
    func testTheWallClockIsTheSystemTimeAndAManualClockMovesByHand() {
        let clocks: [any Clock] = [.system, WallClock()]
        for clock in clocks {
            XCTAssertEqual(clock.now.timeIntervalSince1970, Date().timeIntervalSince1970, accuracy: 1)
        }
        let manual = ManualClock(Date(timeIntervalSince1970: 1_000))
        let clock: any Clock = manual
        manual.advance(60)
        XCTAssertEqual(clock.now, Date(timeIntervalSince1970: 1_060))
    }
}
