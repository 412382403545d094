import Foundation
import Media
import TestSupport
import XCTest

final class RoundTripTests: XCTestCase {
    func testJPEGRoundTripStaysAbove30dB() throws {
        let original = try ImageDecoder.decode(TestImages.data(Fixtures.contentImages.appendingPathComponent("cornell.jpg")))
        let encoded = try original.encoded(as: .jpeg())
        XCTAssertEqual(ImageFormat(detecting: encoded), .jpeg)
        let decoded = try ImageDecoder.decode(encoded)
        XCTAssertEqual(decoded.width, original.width)
        XCTAssertEqual(decoded.height, original.height)
        XCTAssertGreaterThan(TestImages.psnr(original, decoded), 30)
    }

    func testLowerJPEGQualityMakesSmallerFiles() throws {
        let image = try TestImages.gradient(width: 200, height: 150)
        let small = try image.encoded(as: .jpeg(quality: 20))
        let large = try image.encoded(as: .jpeg(quality: 95))
        XCTAssertLessThan(small.count, large.count)
    }

    func testJPEGQualityOutsideOneToHundredIsRejected() throws {
        let image = try TestImages.gradient(width: 8, height: 8)
        for quality in [0, 101, -5] {
            assertMediaError(try image.encoded(as: .jpeg(quality: quality))) {
                if case .invalidParameter(name: "quality", _, _) = $0 { true } else { false }
            }
        }
    }

    func testPNGRoundTripIsExact() throws {
        let original = try ImageDecoder.decode(TestImages.data(Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg")))
        let encoded = try original.encoded(as: .png)
        XCTAssertEqual(ImageFormat(detecting: encoded), .png)
        XCTAssertEqual(try ImageDecoder.decode(encoded), original)
    }

    func testSharedPNGSurvivesReencodingExactly() throws {
        let original = try ImageDecoder.decode(TestImages.data(Fixtures.styleImages.appendingPathComponent("sketch.png")))
        XCTAssertEqual(try ImageDecoder.decode(original.encoded(as: .png)), original)
    }

    func testOddSizedImagesRoundTrip() throws {
        for (width, height) in [(1, 1), (1, 7), (13, 1), (17, 9)] {
            let image = try TestImages.gradient(width: width, height: height)
            XCTAssertEqual(try ImageDecoder.decode(image.encoded(as: .png)), image, "\(width)x\(height)")
            let jpeg = try ImageDecoder.decode(image.encoded(as: .jpeg(quality: 100)))
            XCTAssertEqual(jpeg.width, width)
            XCTAssertEqual(jpeg.height, height)
        }
    }

    func testWebPRoundTripStaysAbove30dB() throws {
        try XCTSkipUnless(ImageEncoder.canEncode(.webp), "libavcodec was built without libwebp")
        let original = try ImageDecoder.decode(TestImages.data(Fixtures.contentImages.appendingPathComponent("golden_gate.jpg")))
        let encoded = try original.encoded(as: .webp(quality: 90))
        XCTAssertEqual(ImageFormat(detecting: encoded), .webp)
        XCTAssertEqual(try ImageProbe.probe(encoded), ImageInfo(format: .webp, width: 512, height: 512))
        let decoded = try ImageDecoder.decode(encoded)
        XCTAssertEqual(decoded.width, 512)
        XCTAssertEqual(decoded.height, 512)
        XCTAssertGreaterThan(TestImages.psnr(original, decoded), 30)
    }

    func testLowerWebPQualityMakesSmallerFiles() throws {
        try XCTSkipUnless(ImageEncoder.canEncode(.webp), "libavcodec was built without libwebp")
        let image = try ImageDecoder.decode(TestImages.data(Fixtures.contentImages.appendingPathComponent("sailboat.jpg")))
        let small = try image.encoded(as: .webp(quality: 10))
        let large = try image.encoded(as: .webp(quality: 95))
        XCTAssertLessThan(small.count * 2, large.count)
    }

    func testWebPOfOddSizeRoundTrips() throws {
        try XCTSkipUnless(ImageEncoder.canEncode(.webp), "libavcodec was built without libwebp")
        let image = try TestImages.gradient(width: 33, height: 17)
        let decoded = try ImageDecoder.decode(image.encoded(as: .webp(quality: 95)))
        XCTAssertEqual(decoded.width, 33)
        XCTAssertEqual(decoded.height, 17)
        XCTAssertGreaterThan(TestImages.psnr(image, decoded), 30)
    }

    func testConcurrentEncodesProduceDecodableImages() throws {
        let image = try TestImages.gradient(width: 300, height: 200)
        let encodings: [ImageEncoding] = ImageEncoder.canEncode(.webp) ? [.jpeg(), .png, .webp()] : [.jpeg(), .png]
        let failures = FailureCounter()
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            let encoding = encodings[index % encodings.count]
            guard let data = try? image.encoded(as: encoding), let decoded = try? ImageDecoder.decode(data),
                  decoded.width == 300, decoded.height == 200, TestImages.psnr(image, decoded) > 30
            else { return failures.increment() }
        }
        XCTAssertEqual(failures.value, 0)
    }
}

private final class FailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
