import XCTest
import Media
import TestSupport

final class VideoBadInputTests: TemporaryDirectoryTestCase {
    /// Both the probe and the decoder refuse `url` with `expected`.
    private func assertRefused(_ url: URL, _ expected: (VideoError) -> Bool, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try VideoProbe.probe(contentsOf: url), file: file, line: line) { error in
            XCTAssertTrue((error as? VideoError).map(expected) ?? false, "probe threw \(error)", file: file, line: line)
        }
        XCTAssertThrowsError(try VideoDecoder(url: url), file: file, line: line) { error in
            XCTAssertTrue((error as? VideoError).map(expected) ?? false, "decoder threw \(error)", file: file, line: line)
        }
    }

    func testMissingFileIsReportedAsNotFound() {
        let url = directory.appendingPathComponent("nothing-here.mp4")
        assertRefused(url) { $0 == .fileNotFound(path: url.path) }
    }

    func testZeroByteFileIsRefusedAsEmpty() throws {
        let url = directory.appendingPathComponent("empty.mp4")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
        assertRefused(url) { $0 == .emptyFile }
    }

    func testJPEGRenamedToMP4IsRefusedAsUnsupportedContainer() throws {
        let jpeg = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: Fixtures.contentImages,
                                                                                includingPropertiesForKeys: nil)
            .first { $0.pathExtension == "jpg" })
        let url = directory.appendingPathComponent("photo.mp4")
        try FileManager.default.copyItem(at: jpeg, to: url)
        assertRefused(url) {
            guard case .unsupportedContainer(let name) = $0 else { return false }
            return name.contains("jpeg")
        }
    }

    func testTruncatedMP4IsRefusedAsDamaged() throws {
        // cutBunny keeps its index (moov) at the end, so its first 30% has no index at all.
        let bytes = try Data(contentsOf: Fixtures.video)
        let url = directory.appendingPathComponent("truncated.mp4")
        try bytes.prefix(bytes.count * 3 / 10).write(to: url)
        assertRefused(url) {
            guard case .corruptHeader(let container, _) = $0 else { return false }
            return container == "mov,mp4,m4a,3gp,3g2,mj2"
        }
    }

    func testTruncatedFaststartMP4IsRefusedAsTruncated() throws {
        // With the index first, a cut-off upload still parses; the index then points past the end.
        let whole = directory.appendingPathComponent("whole.mp4")
        try VideoTestFootage.write(to: whole, width: 64, height: 64, times: VideoTestFootage.times(count: 20))
        let bytes = try Data(contentsOf: whole)
        let url = directory.appendingPathComponent("cut.mp4")
        try bytes.prefix(bytes.count * 6 / 10).write(to: url)
        assertRefused(url) {
            guard case .truncated(let expected, let actual) = $0 else { return false }
            return actual == bytes.count * 6 / 10 && expected > actual
        }
    }

    func testRandomBytesAreUnrecognized() throws {
        var generator = SplitMix64(seed: 42)
        let bytes = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let url = directory.appendingPathComponent("noise.mp4")
        try Data(bytes).write(to: url)
        assertRefused(url) { $0 == .unrecognizedFormat }
    }

    func testCorruptPacketsMidStreamThrowTypedError() throws {
        let whole = directory.appendingPathComponent("clean.mp4")
        try VideoTestFootage.write(to: whole, width: 128, height: 128, times: VideoTestFootage.times(count: 30))
        var bytes = try Data(contentsOf: whole)
        let mdat = try XCTUnwrap(bytes.range(of: Data("mdat".utf8))?.upperBound)
        // Scribble over the middle of the media data, leaving the header and index intact.
        var generator = SplitMix64(seed: 7)
        let start = mdat + (bytes.count - mdat) / 2
        for offset in start..<min(bytes.count, start + 4096) {
            bytes[offset] = UInt8(truncatingIfNeeded: generator.next())
        }
        let url = directory.appendingPathComponent("scribbled.mp4")
        try bytes.write(to: url)

        XCTAssertNoThrow(try VideoProbe.probe(contentsOf: url), "the headers are fine")
        let decoder = try VideoDecoder(url: url)
        var caught: VideoError?
        do {
            while try decoder.nextFrame() != nil {}
        } catch {
            caught = error as? VideoError
        }
        guard case .corruptStream(let index, _) = caught else { return XCTFail("expected corruptStream, got \(String(describing: caught))") }
        XCTAssertGreaterThan(index, 0, "frames before the damage decoded")
        XCTAssertThrowsError(try decoder.nextFrame(), "a failed decoder stays failed")
    }

    func testExoticVideoCodecIsRefusedBeforeDecoding() throws {
        // Relabel the H.264 sample entry as Sorenson Video 3: a codec FFmpeg can decode but we do
        // not let hostile uploads reach.
        let whole = directory.appendingPathComponent("h264.mp4")
        try VideoTestFootage.write(to: whole, width: 32, height: 32, times: VideoTestFootage.times(count: 2))
        var bytes = try Data(contentsOf: whole)
        let stsd = try XCTUnwrap(bytes.range(of: Data("stsd".utf8)))
        let entry = try XCTUnwrap(bytes.range(of: Data("avc1".utf8), in: stsd.upperBound..<bytes.count))
        bytes.replaceSubrange(entry, with: Data("SVQ3".utf8))
        let url = directory.appendingPathComponent("svq3.mp4")
        try bytes.write(to: url)
        assertRefused(url) { $0 == .unsupportedCodec("svq3") }
    }

    func testDirectoryIsNotAVideo() {
        assertRefused(directory) { $0 == .fileNotFound(path: self.directory.path) }
    }
}
