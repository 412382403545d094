import Foundation
import Inference
import Jobs
import Media
import TestSupport
import XCTest

/// End to end on the real weights and real JPEGs: decode → style code → stylize → encode.
final class ImageStylizerTests: XCTestCase {
    static let stylizer: ImageStylizer = {
        let locator = ModelLocator(directory: Fixtures.models)
        return ImageStylizer(model: try! locator.load(.microast))
    }()

    func image(_ url: URL) throws -> RGBImage {
        try ImageDecoder.decode(contentsOf: url, limits: .default)
    }

    func testStylizedPhotoKeepsItsSizeDiffersFromItAndIsDeterministic() throws {
        let content = try image(Fixtures.contentImages.appendingPathComponent("cornell.jpg"))
        let style = try image(Fixtures.styleImages.appendingPathComponent("la_muse.jpg"))
        let code = try Self.stylizer.styleCode(for: style)
        let styles = [WeightedStyle(code: code, weight: 1)]

        let first = try Self.stylizer.stylize(content: content, styles: styles, options: StylizeOptions())
        let second = try Self.stylizer.stylize(content: content, styles: styles, options: StylizeOptions())

        XCTAssertEqual(first.width, content.width)
        XCTAssertEqual(first.height, content.height)
        XCTAssertEqual(first, second, "the same input must give the same pixels")
        XCTAssertGreaterThan(meanAbsoluteDifference(first, content), 10, "the output should look stylized")

        let decoded = try ImageDecoder.decode(try ImageEncoder.encode(first, as: .jpeg(quality: 90)))
        XCTAssertEqual(decoded.width, content.width)
        XCTAssertEqual(decoded.height, content.height)
    }

    func testOddSizedPhotoComesBackAtItsOwnSize() throws {
        let content = try image(Fixtures.contentImages.appendingPathComponent("chicago.jpg")).cropped(x: 3, y: 5, width: 131, height: 97)
        let style = try image(Fixtures.styleImages.appendingPathComponent("woman_with_hat_matisse.jpg"))
        let result = try Self.stylizer.stylize(
            content: content, styles: [WeightedStyle(code: try Self.stylizer.styleCode(for: style), weight: 1)],
            options: StylizeOptions(strength: 0.6, preserveColor: true))
        XCTAssertEqual(result.width, 131)
        XCTAssertEqual(result.height, 97)
    }

    func testMaxSideDownscalesTheContentFirst() throws {
        let content = try image(Fixtures.contentImages.appendingPathComponent("golden_gate.jpg"))
        let style = try image(Fixtures.styleImages.appendingPathComponent("sketch.png"))
        let result = try Self.stylizer.stylize(
            content: content, styles: [WeightedStyle(code: try Self.stylizer.styleCode(for: style), weight: 1)],
            options: StylizeOptions(), maxSide: 200)
        XCTAssertEqual(max(result.width, result.height), 200)
    }

    func testTooSmallContentIsRefusedWithAClearError() throws {
        let tiny = try RGBImage(width: 12, height: 40, filledWith: RGB(red: 10, green: 20, blue: 30))
        let style = try image(Fixtures.styleImages.appendingPathComponent("mondrian.jpg"))
        let code = try Self.stylizer.styleCode(for: style)
        XCTAssertThrowsError(try Self.stylizer.stylize(content: tiny, styles: [WeightedStyle(code: code, weight: 1)], options: StylizeOptions())) { error in
            guard case InferenceError.imageTooSmall = error else { return XCTFail("unexpected \(error)") }
        }
    }

    private func meanAbsoluteDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(a.pixels.count)
    }
}
