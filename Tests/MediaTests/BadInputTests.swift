import Foundation
import Media
import TestSupport
import XCTest

final class BadInputTests: XCTestCase {
    func testPNGBombIsRefusedFromItsHeader() throws {
        var png = PNGBuilder(width: 100_000, height: 100_000)
        png.rows = [[0, 0, 0]]  // the data does not even match: only the header may be read
        let data = png.build()
        XCTAssertEqual(try ImageProbe.probe(data), ImageInfo(format: .png, width: 100_000, height: 100_000))
        assertMediaError(try ImageDecoder.decode(data)) {
            $0 == .tooManyPixels(width: 100_000, height: 100_000, limit: DecodeLimits.default.maxPixels)
        }
    }

    func testJPEGBombIsRefusedFromItsHeader() throws {
        let small = try TestImages.gradient(width: 16, height: 16).encoded(as: .jpeg())
        let bomb = JPEGSurgery.claimingSize(width: 65_000, height: 65_000, in: small)
        assertMediaError(try ImageDecoder.decode(bomb)) {
            $0 == .tooManyPixels(width: 65_000, height: 65_000, limit: DecodeLimits.default.maxPixels)
        }
    }

    func testWebPBombIsRefusedFromItsHeader() {
        var bytes = Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0]
        bytes += [0x00, 0, 0, 0, 0x3F, 0x9C, 0, 0x3F, 0x9C, 0]  // still image, 40000x40000 canvas
        assertMediaError(try ImageDecoder.decode(Data(bytes))) {
            $0 == .tooManyPixels(width: 40_000, height: 40_000, limit: DecodeLimits.default.maxPixels)
        }
    }

    func testCallerLimitsApplyToRealImages() throws {
        let data = try TestImages.data(Fixtures.contentImages.appendingPathComponent("avril.jpg"))  // 1680x1050
        let free = DecodeLimits(maxPixels: 1_000_000, maxSide: 1024)
        assertMediaError(try ImageDecoder.decode(data, limits: free)) {
            $0 == .tooManyPixels(width: 1680, height: 1050, limit: 1_000_000)
        }
        let narrow = DecodeLimits(maxPixels: 10_000_000, maxSide: 1024)
        assertMediaError(try ImageDecoder.decode(data, limits: narrow)) {
            $0 == .sideTooLong(width: 1680, height: 1050, limit: 1024)
        }
    }

    func testTruncatedJPEGIsCorruptNotHalfGrey() throws {
        let data = try TestImages.data(Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        assertMediaError(try ImageDecoder.decode(data.prefix(data.count / 2))) {
            if case .corruptData(format: .jpeg, _) = $0 { true } else { false }
        }
    }

    func testJunkBeforeTheJPEGEndMarkerIsTolerated() throws {
        for name in ["chicago.jpg", "modern.jpg"] {  // baseline and progressive
            let clean = try TestImages.data(Fixtures.contentImages.appendingPathComponent(name))
            let junky = JPEGSurgery.insertingJunkBeforeEnd([0x00, 0x12, 0x34], into: clean)
            XCTAssertEqual(try ImageDecoder.decode(junky), try ImageDecoder.decode(clean), name)
        }
    }

    func testDataAppendedAfterTheJPEGEndMarkerIsIgnored() throws {
        let clean = try TestImages.data(Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        let appended = clean + Data("trailing metadata some cameras append".utf8)
        XCTAssertEqual(try ImageDecoder.decode(appended), try ImageDecoder.decode(clean))
    }

    func testJPEGWithGarbledScanDataIsCorrupt() throws {
        var bytes = try [UInt8](TestImages.data(Fixtures.contentImages.appendingPathComponent("chicago.jpg")))
        // Markers inside the entropy-coded data: the decoder hits them mid-scan.
        for index in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 2) {
            bytes[index] = 0xFF
            bytes[index + 1] = 0xD0 + UInt8(index % 8)
        }
        assertMediaError(try ImageDecoder.decode(Data(bytes))) {
            if case .corruptData(format: .jpeg, _) = $0 { true } else { false }
        }
    }

    func testJPEGCutInsideItsHeadersIsCorrupt() throws {
        let data = try TestImages.data(Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        for length in [3, 10, 100] {
            assertMediaError(try ImageDecoder.decode(data.prefix(length))) {
                if case .corruptData(format: .jpeg, _) = $0 { true } else { false }
            }
        }
    }

    func testTruncatedPNGIsCorrupt() throws {
        let data = try TestImages.data(Fixtures.styleImages.appendingPathComponent("sketch.png"))
        for length in [20, data.count / 2, data.count - 5] {
            assertMediaError(try ImageDecoder.decode(data.prefix(length))) {
                if case .corruptData(format: .png, _) = $0 { true } else { false }
            }
        }
    }

    func testPNGWithGarbledImageDataIsCorrupt() throws {
        var bytes = try [UInt8](TestImages.data(Fixtures.styleImages.appendingPathComponent("sketch.png")))
        // Overwrite part of the compressed stream inside the one IDAT chunk; framing stays intact.
        let idat = try XCTUnwrap(Data(bytes).range(of: Data("IDAT".utf8))).lowerBound
        for index in idat + 1000..<idat + 1400 { bytes[index] = 0xA5 }
        let garbled = Data(bytes)
        assertMediaError(try ImageDecoder.decode(garbled)) {
            if case .corruptData(format: .png, _) = $0 { true } else { false }
        }
    }

    func testTruncatedWebPIsCorrupt() throws {
        try XCTSkipUnless(ImageEncoder.canEncode(.webp), "libavcodec was built without libwebp")
        let data = try TestImages.gradient(width: 64, height: 64).encoded(as: .webp())
        assertMediaError(try ImageDecoder.decode(data.prefix(data.count / 2))) {
            if case .corruptData(format: .webp, _) = $0 { true } else { false }
        }
    }

    func testZeroBytesAreReportedAsEmpty() {
        assertMediaError(try ImageDecoder.decode(Data())) { $0 == .empty }
        assertMediaError(try ImageProbe.probe(Data())) { $0 == .empty }
    }

    func testRandomBytesAreAnUnknownFormat() {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 7, 64, 5000] {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes[0] = 0x00  // keep clear of any magic number by chance
            assertMediaError(try ImageDecoder.decode(Data(bytes))) { $0 == .unknownFormat }
        }
    }

    func testWellKnownUnsupportedFormatsAreNamed() {
        assertMediaError(try ImageDecoder.decode(Data("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8))) { $0 == .unsupportedFormat("GIF") }
        let heic = Data([0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0])
        assertMediaError(try ImageDecoder.decode(heic)) { $0 == .unsupportedFormat("HEIC") }
    }

    func testAnimatedWebPIsRefusedAsUnsupported() {
        var bytes = Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0]
        bytes += [0x02, 0, 0, 0, 99, 0, 0, 49, 0, 0]  // animation flag, 100x50 canvas
        assertMediaError(try ImageProbe.probe(Data(bytes))) { $0 == .unsupportedFormat("animated WebP") }
    }

    func testLosslessWebPHeaderIsProbed() throws {
        let bits = UInt32(299) | UInt32(199) << 14
        var bytes = Array("RIFF".utf8) + [26, 0, 0, 0] + Array("WEBPVP8L".utf8) + [5, 0, 0, 0, 0x2F]
        bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        XCTAssertEqual(try ImageProbe.probe(Data(bytes)), ImageInfo(format: .webp, width: 300, height: 200))
    }

    func testPixelBufferOfWrongLengthIsRejected() {
        assertMediaError(try RGBImage(width: 2, height: 2, pixels: [0, 0, 0])) {
            $0 == .pixelCountMismatch(expected: 12, actual: 3)
        }
        assertMediaError(try RGBImage(width: 0, height: 2, pixels: [])) { $0 == .invalidDimensions(width: 0, height: 2) }
    }

    func testMissingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/stylify/image.jpg")
        assertMediaError(try ImageProbe.probe(contentsOf: url)) {
            if case .unreadableFile = $0 { true } else { false }
        }
    }
}
