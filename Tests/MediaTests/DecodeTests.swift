import Foundation
import Media
import TestSupport
import XCTest

final class DecodeTests: XCTestCase {
    func testEverySharedImageDecodesAtItsProbedSize() throws {
        let files = try TestImages.sharedImageFiles()
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let data = try TestImages.data(file)
            let info = try ImageProbe.probe(data)
            let image = try ImageDecoder.decode(data)
            XCTAssertEqual(image.width, info.displayWidth, file.lastPathComponent)
            XCTAssertEqual(image.height, info.displayHeight, file.lastPathComponent)
            XCTAssertEqual(image.pixels.count, image.width * image.height * 3)
        }
    }

    func testProbeReadsFormatAndSizeFromHeaders() throws {
        let chicago = try ImageProbe.probe(TestImages.data(Fixtures.contentImages.appendingPathComponent("chicago.jpg")))
        XCTAssertEqual(chicago, ImageInfo(format: .jpeg, width: 712, height: 474))
        let sketch = try ImageProbe.probe(TestImages.data(Fixtures.styleImages.appendingPathComponent("sketch.png")))
        XCTAssertEqual(sketch, ImageInfo(format: .png, width: 300, height: 300))
        let progressive = try ImageProbe.probe(TestImages.data(Fixtures.contentImages.appendingPathComponent("modern.jpg")))
        XCTAssertEqual(progressive, ImageInfo(format: .jpeg, width: 564, height: 564))
    }

    func testProbeOfFileReadsOnlyWhatItNeeds() throws {
        let url = Fixtures.styleImages.appendingPathComponent("la_muse.jpg")
        XCTAssertEqual(try ImageProbe.probe(contentsOf: url), ImageInfo(format: .jpeg, width: 1200, height: 1000))
    }

    func testExifWithUprightOrientationKeepsTheImageAsStored() throws {
        // la_muse.jpg carries a little-endian Exif block with orientation 1.
        let data = try TestImages.data(Fixtures.styleImages.appendingPathComponent("la_muse.jpg"))
        XCTAssertEqual(try ImageProbe.probe(data).orientation, .up)
        let image = try ImageDecoder.decode(data)
        XCTAssertEqual(image.width, 1200)
        XCTAssertEqual(image.height, 1000)
    }

    func testPNGWithAlphaIsCompositedOverWhite() throws {
        var png = PNGBuilder(width: 3, height: 1)
        png.colourType = 6
        png.rows = [[255, 0, 0, 255, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 128]]
        let image = try ImageDecoder.decode(png.build())
        XCTAssertEqual(image.pixel(x: 0, y: 0), RGB(red: 255, green: 0, blue: 0))
        XCTAssertEqual(image.pixel(x: 1, y: 0), .white)
        TestImages.assertClose(image.pixel(x: 2, y: 0), RGB(red: 127, green: 127, blue: 127), tolerance: 1)
    }

    func testSixteenBitGreyPNGDecodesToEightBitRGB() throws {
        var png = PNGBuilder(width: 3, height: 1)
        png.colourType = 0
        png.bitDepth = 16
        png.rows = [[0xFF, 0xFF, /**/ 0x00, 0x00, /**/ 0x80, 0x80]]
        let image = try ImageDecoder.decode(png.build())
        XCTAssertEqual(image.pixel(x: 0, y: 0), .white)
        XCTAssertEqual(image.pixel(x: 1, y: 0), .black)
        TestImages.assertClose(image.pixel(x: 2, y: 0), RGB(red: 128, green: 128, blue: 128), tolerance: 1)
    }

    func testPalettePNGWithTransparentEntryDecodes() throws {
        var png = PNGBuilder(width: 3, height: 1)
        png.colourType = 3
        png.extraChunks = [("PLTE", [10, 200, 30, /**/ 0, 0, 0, /**/ 0, 0, 255]), ("tRNS", [255, 0])]
        png.rows = [[0, 1, 2]]
        let image = try ImageDecoder.decode(png.build())
        XCTAssertEqual(image.pixel(x: 0, y: 0), RGB(red: 10, green: 200, blue: 30))
        XCTAssertEqual(image.pixel(x: 1, y: 0), .white)
        XCTAssertEqual(image.pixel(x: 2, y: 0), RGB(red: 0, green: 0, blue: 255))
    }

    func testGreyscaleJPEGDecodesToRGB() throws {
        // Encode grey via RGB, then check the decoder hands back three equal channels.
        let grey = try RGBImage(width: 32, height: 32, filledWith: RGB(red: 90, green: 90, blue: 90))
        let image = try ImageDecoder.decode(grey.encoded(as: .jpeg(quality: 95)))
        TestImages.assertClose(image.pixel(x: 5, y: 5), RGB(red: 90, green: 90, blue: 90), tolerance: 2)
    }

    func testConcurrentDecodesAgreeWithSerialOnes() throws {
        let files = try TestImages.sharedImageFiles().prefix(8)
        let inputs = try files.map { try TestImages.data($0) }
        let expected = try inputs.map { try ImageDecoder.decode($0) }
        let results = ResultBox(count: inputs.count * 4)
        DispatchQueue.concurrentPerform(iterations: inputs.count * 4) { index in
            results.set(index, try? ImageDecoder.decode(inputs[index % inputs.count]))
        }
        for index in 0..<inputs.count * 4 {
            XCTAssertEqual(results.get(index), expected[index % inputs.count], "decode \(index)")
        }
    }
}

/// Collects results written from many threads.
private final class ResultBox: @unchecked Sendable {
    private var values: [RGBImage?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: RGBImage?) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> RGBImage? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
