import Foundation
import Media
import TestSupport
import XCTest

final class ResizeTests: XCTestCase {
    private func chicago() throws -> RGBImage {
        try ImageDecoder.decode(TestImages.data(Fixtures.contentImages.appendingPathComponent("chicago.jpg")))  // 712x474
    }

    func testResizedHasExactlyTheRequestedSize() throws {
        let image = try chicago()
        for (width, height) in [(356, 237), (100, 300), (1000, 800), (1, 1)] {
            let resized = try image.resized(width: width, height: height)
            XCTAssertEqual(resized.width, width)
            XCTAssertEqual(resized.height, height)
            XCTAssertEqual(resized.pixels.count, width * height * 3)
        }
    }

    func testDownscalingKeepsTheLook() throws {
        let image = try chicago()
        let half = try image.resized(width: 356, height: 237)
        let back = try half.resized(width: 712, height: 474)
        XCTAssertGreaterThan(TestImages.psnr(image, back), 22)
    }

    func testFlatColourStaysFlatWhenResized() throws {
        let colour = RGB(red: 200, green: 40, blue: 90)
        let flat = try RGBImage(width: 64, height: 48, filledWith: colour)
        for target in [(17, 13), (200, 150)] {
            let resized = try flat.resized(width: target.0, height: target.1)
            for y in stride(from: 0, to: resized.height, by: 5) {
                for x in stride(from: 0, to: resized.width, by: 5) {
                    TestImages.assertClose(resized.pixel(x: x, y: y), colour, tolerance: 2)
                }
            }
        }
    }

    func testFittedKeepsAspectRatioAndNeverUpscales() throws {
        let image = try chicago()
        let fitted = try image.fitted(maxSide: 356)
        XCTAssertEqual(fitted.width, 356)
        XCTAssertEqual(fitted.height, 237)
        let tall = try image.oriented(.right).fitted(maxSide: 100)
        XCTAssertEqual(tall.width, 67)
        XCTAssertEqual(tall.height, 100)
        XCTAssertEqual(try image.fitted(maxSide: 2000), image)
        XCTAssertEqual(try image.fitted(maxSide: 712), image)
    }

    func testThumbnailIsA256SquareJPEG() throws {
        let thumbnail = try chicago().thumbnail(side: 256)
        XCTAssertEqual(thumbnail.width, 256)
        XCTAssertEqual(thumbnail.height, 256)
        let jpeg = try thumbnail.encoded(as: .jpeg())
        XCTAssertEqual(try ImageProbe.probe(jpeg), ImageInfo(format: .jpeg, width: 256, height: 256))
    }

    func testThumbnailCropsTheCentre() throws {
        // 300x100: left and right thirds red, centre blue; the square thumbnail is all centre.
        var image = try RGBImage(width: 300, height: 100, filledWith: RGB(red: 255, green: 0, blue: 0))
        for y in 0..<100 {
            for x in 100..<200 { image.setPixel(x: x, y: y, to: RGB(red: 0, green: 0, blue: 255)) }
        }
        let thumbnail = try image.thumbnail(side: 50)
        for x in [0, 25, 49] {
            TestImages.assertClose(thumbnail.pixel(x: x, y: 25), RGB(red: 0, green: 0, blue: 255), tolerance: 3)
        }
    }

    func testSmallImagesAreScaledUpToTheThumbnailSide() throws {
        let small = try TestImages.gradient(width: 40, height: 30)
        let thumbnail = try small.thumbnail()
        XCTAssertEqual(thumbnail.width, 256)
        XCTAssertEqual(thumbnail.height, 256)
    }

    func testInvalidSizesAndCropsAreRejected() throws {
        let image = try TestImages.gradient(width: 10, height: 10)
        assertMediaError(try image.resized(width: 0, height: 5)) { $0 == .invalidDimensions(width: 0, height: 5) }
        assertMediaError(try image.fitted(maxSide: -1)) { if case .invalidDimensions = $0 { true } else { false } }
        assertMediaError(try image.thumbnail(side: 0)) { if case .invalidDimensions = $0 { true } else { false } }
        assertMediaError(try image.cropped(x: 5, y: 5, width: 6, height: 2)) { if case .invalidDimensions = $0 { true } else { false } }
    }

    func testCroppedCopiesTheRectangle() throws {
        let image = try TestImages.gradient(width: 10, height: 8)
        let crop = try image.cropped(x: 3, y: 2, width: 4, height: 5)
        XCTAssertEqual(crop.width, 4)
        XCTAssertEqual(crop.height, 5)
        XCTAssertEqual(crop.pixel(x: 0, y: 0), image.pixel(x: 3, y: 2))
        XCTAssertEqual(crop.pixel(x: 3, y: 4), image.pixel(x: 6, y: 6))
    }
}

final class FittedDecodeTests: XCTestCase {
    func testFittedDecodeMatchesDecodeThenFit() throws {
        let data = try TestImages.data(Fixtures.contentImages.appendingPathComponent("avril.jpg"))  // 1680x1050
        let full = try ImageDecoder.decode(data).fitted(maxSide: 400)
        let fast = try ImageDecoder.decode(data, fittingIn: 400)
        XCTAssertEqual(fast.width, 400)
        XCTAssertEqual(fast.height, 250)
        XCTAssertEqual(full.width, fast.width)
        XCTAssertEqual(full.height, fast.height)
        XCTAssertGreaterThan(TestImages.psnr(full, fast), 30)
    }

    func testFittedDecodeNeverUpscales() throws {
        let data = try TestImages.data(Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg"))  // 512x512
        XCTAssertEqual(try ImageDecoder.decode(data, fittingIn: 4096), try ImageDecoder.decode(data))
    }

    func testFittedDecodeAppliesOrientationAndWorksForPNG() throws {
        let jpeg = try TestImages.markedCorner(width: 640, height: 320, mark: 160).encoded(as: .jpeg(quality: 95))
        let rotated = try ImageDecoder.decode(JPEGSurgery.insertingExifOrientation(6, into: jpeg, bigEndian: true), fittingIn: 100)
        XCTAssertEqual(rotated.width, 50)
        XCTAssertEqual(rotated.height, 100)
        TestImages.assertClose(rotated.pixel(x: 45, y: 5), RGB(red: 255, green: 0, blue: 0))
        let png = try TestImages.data(Fixtures.styleImages.appendingPathComponent("sketch.png"))
        let small = try ImageDecoder.decode(png, fittingIn: 150)
        XCTAssertEqual(small.width, 150)
        XCTAssertEqual(small.height, 150)
    }

    func testDecodingAFileProbesBeforeReading() throws {
        let directory = try Fixtures.temporaryDirectory("media")
        defer { try? FileManager.default.removeItem(at: directory) }
        var png = PNGBuilder(width: 100_000, height: 100_000)
        png.rows = [[0, 0, 0]]
        let bomb = directory.appendingPathComponent("bomb.png")
        try png.build().write(to: bomb)
        assertMediaError(try ImageDecoder.decode(contentsOf: bomb)) { if case .tooManyPixels = $0 { true } else { false } }
        let good = directory.appendingPathComponent("good.png")
        let image = try TestImages.gradient(width: 20, height: 10)
        try image.encoded(as: .png).write(to: good)
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: good), image)
    }
}
