import Common
import Filters
import Foundation
import Storage
import TestSupport
import XCTest

/// The disk blob store under failure: interrupted writes, full disks, crashed writers.
final class BlobStoreTests: FiltersTestCase {
    /// An input that yields `failAfter` bytes of data in 256 KiB pieces, then throws, like a
    /// client connection that drops mid-upload.
    struct FailingInput: BlobInput {
        struct Dropped: Error, Equatable {}
        let failAfter: Int
        var sent = 0

        mutating func read(upTo count: Int) throws -> Data {
            guard sent < failAfter else { throw Dropped() }
            let size = min(count, 256 << 10, failAfter - sent)
            sent += size
            return Data(repeating: UInt8(sent % 251), count: size)
        }
    }

    func testStreamedPutIsNamedByItsSHA256AndReadsBackWhole() throws {
        let bytes = Data((0..<(3 << 20) + 12345).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) })
        let stored = try blobs.put(data: bytes)
        XCTAssertTrue(stored.created)
        XCTAssertEqual(stored.size, Int64(bytes.count))
        XCTAssertEqual(try blobs.data(for: stored.key), bytes)
        XCTAssertEqual(try blobs.head(stored.key)?.size, Int64(bytes.count))
        XCTAssertEqual(try blobs.withLocalFile(stored.key) { $0.lastPathComponent }, stored.key.hex)
        let again = try blobs.put(data: bytes)
        XCTAssertEqual(again.key, stored.key)
        XCTAssertFalse(again.created)
        XCTAssertEqual(try blobs.list().map(\.key), [stored.key])
    }

    func testInterruptedPutLeavesNoBlobUnderARealNameAndNoRow() throws {
        var input = FailingInput(failAfter: 5 << 20)
        XCTAssertThrowsError(try blobs.put(&input)) { error in
            XCTAssertEqual(error as? FailingInput.Dropped, FailingInput.Dropped())
        }
        XCTAssertEqual(input.sent, 5 << 20, "the input was really streamed before it failed")
        try assertNothingStored()
    }

    func testPartialFileOfAKilledWriterIsRemovedBySweepOnlyOnceOld() throws {
        // Run a real child process that streams into a .partial file and kill it mid-way, as a
        // crash during a put would.
        let partial = blobRoot.appendingPathComponent("tmp/\(UUID().uuidString).partial")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec cat /dev/zero > '\(partial.path)'"]
        try writer.run()
        while (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int ?? 0) ?? 0 < 1 << 20 {
            usleep(10_000)
        }
        writer.terminate()
        writer.waitUntilExit()
        XCTAssertEqual(filesInBlobStore().filter { !$0.hasPrefix("tmp/") }, [], "nothing under a real name")

        XCTAssertEqual(try sweeper.sweep().blobs.abandonedUploads, 0, "a partial file may belong to a put in progress")
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.abandonedUploads, 1)
        try assertNothingStored()
    }

    func testBlobFileWithoutARowIsSweptAsAnOrphanAfterTheGracePeriod() throws {
        let stored = try blobs.put(data: Data("left behind by a crash before the row was written".utf8))
        XCTAssertEqual(try sweeper.sweep().blobs.orphanFiles, 0)
        clock.advance(3601)
        XCTAssertEqual(try sweeper.sweep().blobs.orphanFiles, 1)
        XCTAssertNil(try blobs.head(stored.key))
    }

    func testInvalidBlobKeysAreRefused() throws {
        for text in ["", "abc", String(repeating: "G", count: 64), String(repeating: "A", count: 64), "../" + String(repeating: "a", count: 61)] {
            XCTAssertThrowsError(try BlobKey(hex: text)) { error in
                XCTAssertEqual(error as? StorageError, .invalidBlobKey(text))
            }
        }
        let absent = try BlobKey(hex: String(repeating: "a", count: 64))
        XCTAssertNil(try blobs.head(absent))
        XCTAssertThrowsError(try blobs.open(absent)) { XCTAssertEqual($0 as? StorageError, .blobNotFound(key: absent.hex)) }
        XCTAssertNoThrow(try blobs.delete(absent))
    }

    func testFullDiskIsATypedErrorAndLeavesNothingBehind() throws {
        let mountPoint = directory.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.path]) else {
            throw XCTSkip("cannot mount a 256 KiB tmpfs here (needs root and CAP_SYS_ADMIN); the disk-full path is untested on this machine")
        }
        defer { _ = run("/bin/umount", [mountPoint.path]) }
        let tinyRoot = mountPoint.appendingPathComponent("blobs")
        try openServices(blobRoot: tinyRoot)
        let account = try makeAccount()
        let image = contentImage("avril.jpg")  // 286 KiB: more than the file system holds
        _ = try quotas.administration.setPlan("premium", forAccount: account)

        XCTAssertThrowsFiltersError(try assets.create(account: account, uploadedFile: image, declaredName: nil), .diskFull)
        XCTAssertEqual(FiltersError.diskFull.category, .insufficientStorage)
        XCTAssertEqual(filesInBlobStore(root: tinyRoot), [])
        XCTAssertEqual(try count("assets"), 0)
        XCTAssertEqual(try count("blobs"), 0)

        var input = DataBlobInput(Data(count: 300 << 10))
        XCTAssertThrowsError(try blobs.put(&input)) { error in
            guard case .diskFull = error as? StorageError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(filesInBlobStore(root: tinyRoot), [])
        // Smaller blobs still fit afterwards: nothing leaked space.
        XCTAssertTrue(try blobs.put(data: Data(count: 100 << 10)).created)
    }

    private func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
