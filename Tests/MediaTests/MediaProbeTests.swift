import Foundation
import Media
import TestSupport
import XCTest

final class MediaProbeTests: TemporaryDirectoryTestCase {
    func testMediaProbeTellsImagesFromVideos() throws {
        guard case .video(let video) = try MediaProbe.probe(contentsOf: Fixtures.video) else { return XCTFail("not a video") }
        XCTAssertEqual(video.videoCodec, "h264")
        XCTAssertEqual(try MediaProbe.probe(contentsOf: Fixtures.video).frameCount, 240)

        let jpeg = Fixtures.contentImages.appendingPathComponent("lenna.jpg")
        XCTAssertEqual(try MediaProbe.probe(contentsOf: jpeg), .image(ImageInfo(format: .jpeg, width: 640, height: 640)))
        XCTAssertEqual(try MediaProbe.probe(contentsOf: jpeg).frameCount, 1)
    }

    func testFileThatIsNeitherImageNorVideoIsUnrecognizedMedia() throws {
        let text = directory.appendingPathComponent("notes.txt")
        try Data("hello, this is not media".utf8).write(to: text)
        assertMediaError(try MediaProbe.probe(contentsOf: text)) { $0 == .unrecognizedMedia }
    }

    func testEmptyUploadIsEmptyWhateverItClaimsToBe() throws {
        let empty = directory.appendingPathComponent("upload.mp4")
        try Data().write(to: empty)
        assertMediaError(try MediaProbe.probe(contentsOf: empty)) { $0 == .empty }
    }

    func testVideoErrorsPassThroughForDamagedVideos() throws {
        let bytes = try Data(contentsOf: Fixtures.video)
        let truncated = directory.appendingPathComponent("truncated.mp4")
        try bytes.prefix(bytes.count * 3 / 10).write(to: truncated)
        XCTAssertThrowsError(try MediaProbe.probe(contentsOf: truncated)) { error in
            guard case .corruptHeader = error as? VideoError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try MediaProbe.probe(contentsOf: Fixtures.video, maxVideoPixels: 1000)) { error in
            XCTAssertEqual(error as? VideoError, .tooLarge(width: 640, height: 360, maxPixels: 1000))
        }
    }
}
