import Foundation
import TestSupport
import XCTest

/// A blob store on a full disk: uploads answer 507 and store nothing.
final class DiskFullUploadTests: ContentTestCase {
    private var mountPoint: URL?

    /// A 1 MiB tmpfs: room for the gallery, not for a large upload. Needs root (CAP_SYS_ADMIN).
    override func makeBlobRoot(in directory: URL) throws -> URL {
        let mountPoint = directory.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.path]) else {
            throw XCTSkip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN); the 507 path is untested on this machine")
        }
        self.mountPoint = mountPoint
        return mountPoint.appendingPathComponent("blobs")
    }

    override func tearDownWithError() throws {
        try super.tearDownWithError()
        if let mountPoint { _ = Self.run("/bin/umount", [mountPoint.path]) }
    }

    func testUploadOnAFullDiskIs507AndStoresNothing() throws {
        let account = try signUp("full@example.com")
        _ = try quotas.administration.setPlan("premium", forAccount: account.accountID)
        let before = blobFiles()
        let video = try Data(contentsOf: Fixtures.video)  // 514 KiB, twice: more than is left
        var refused: HTTPClient.Response?
        for _ in 0..<2 {
            var bytes = video
            bytes.append(Data(UUID().uuidString.utf8))  // distinct bytes, so no deduplication
            let response = try rawUpload(bytes, contentType: "video/mp4", token: account.sessionToken)
            if response.status != 201 { refused = response; break }
        }
        let problem = try assertProblem(try XCTUnwrap(refused, "the disk never filled"), status: 507, code: "insufficient_storage")
        XCTAssertFalse((problem["detail"] as? String ?? "").contains("/"), "no paths in the detail")
        XCTAssertTrue(blobFiles().filter { $0.hasSuffix(".partial") }.isEmpty, "no partial blob left: \(blobFiles()) vs \(before)")
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
