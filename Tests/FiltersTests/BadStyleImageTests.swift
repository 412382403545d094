import Common
import Filters
import Foundation
import Media
import Quotas
import TestSupport
import XCTest

/// Every class of bad style image is refused with a precise error, and nothing is stored.
final class BadStyleImageTests: FiltersTestCase {
    var account: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        account = try makeAccount()
    }

    func testZeroByteStyleImageIsRefusedAsEmpty() throws {
        XCTAssertThrowsFiltersError(try filters.create(account: account, styleImage: try upload(Data()), name: "Empty"), .emptyFile)
        try assertNothingStored()
    }

    func testGarbageBytesAreAnUnsupportedMediaType() throws {
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        XCTAssertThrowsError(try filters.create(account: account, styleImage: try upload(garbage), name: "Garbage")) { error in
            guard case .unsupportedMediaType = error as? FiltersError else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? FiltersError)?.category, .unsupportedMediaType)
        }
        try assertNothingStored()
    }

    func testCorruptJPEGDataIsRefusedAsCorruptMedia() throws {
        // A real JPEG whose compressed data is overwritten with noise half-way: the header is
        // fine, the pixels are not.
        var bytes = [UInt8](try Data(contentsOf: style("antimonocromatismo.jpg")))
        for index in (bytes.count / 2)..<(bytes.count / 2 + 4000) { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 5) }
        XCTAssertThrowsError(try filters.create(account: account, styleImage: try upload(Data(bytes)), name: "Corrupt")) { error in
            guard case .corruptMedia = error as? FiltersError else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? FiltersError)?.code, "corrupt_media")
        }
        try assertNothingStored()
    }

    func testMalformedJPEGHeaderIsRefusedAsCorruptMedia() throws {
        // Start of image, then a frame header that claims a zero width.
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x40, 0x00, 0x00, 0x03,
                              0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9]
        XCTAssertThrowsError(try filters.create(account: account, styleImage: try upload(Data(bytes)), name: "Malformed")) { error in
            guard case .corruptMedia = error as? FiltersError else { return XCTFail("\(error)") }
        }
        try assertNothingStored()
    }

    func testTruncatedJPEGIsRefusedAsCorruptMedia() throws {
        let whole = try Data(contentsOf: style("antimonocromatismo.jpg"))
        let truncated = try upload(whole.prefix(whole.count / 2), named: "half.jpg")
        XCTAssertThrowsError(try filters.create(account: account, styleImage: truncated, name: "Half")) { error in
            guard case .corruptMedia = error as? FiltersError else { return XCTFail("\(error)") }
        }
        try assertNothingStored()
    }

    func testStyleImageUnder64PixelsASideIsRefusedAsTooSmall() throws {
        let tiny = try RGBImage(width: 100, height: 32, filledWith: RGB(red: 200, green: 10, blue: 10)).encoded(as: .png)
        XCTAssertThrowsFiltersError(
            try filters.create(account: account, styleImage: try upload(tiny, named: "tiny.png"), name: "Tiny"),
            .imageTooSmall(width: 100, height: 32, minimum: 64))
        try assertNothingStored()
    }

    func testBombSizedHeaderIsRefusedFromTheHeaderAlone() throws {
        let bomb = try upload(Self.pngHeader(width: 100_000, height: 100_000), named: "bomb.png")
        XCTAssertThrowsFiltersError(
            try filters.create(account: account, styleImage: bomb, name: "Bomb"),
            .quota(.planLimit(limit: .imageLongSide, allowed: 1024, requested: 100_000, plan: "free", upgradeTo: nil)))
        try assertNothingStored()
    }

    func testBombSizedHeaderIsRefusedByTheDecodeLimitWhenThePlanAllowsIt() throws {
        // An operator override above the server's decode safety limit must not let a bomb through.
        _ = try quotas.administration.setOverride(.imageLongSide, to: 1_000_000, forAccount: account)
        _ = try quotas.administration.setOverride(.imagePixels, to: 1_000_000_000_000, forAccount: account)
        let bomb = try upload(Self.pngHeader(width: 100_000, height: 100_000), named: "bomb.png")
        XCTAssertThrowsError(try filters.create(account: account, styleImage: bomb, name: "Bomb")) { error in
            guard case .imageTooLarge(100_000, 100_000, _) = error as? FiltersError else { return XCTFail("\(error)") }
        }
        try assertNothingStored()
    }

    func testVideoIsNotAStyleImage() throws {
        XCTAssertThrowsError(try filters.create(account: account, styleImage: Fixtures.video, name: "Video")) { error in
            guard case .unsupportedMediaType = error as? FiltersError else { return XCTFail("\(error)") }
        }
        try assertNothingStored()
    }

    func testStyleImageOverTheUploadLimitIsRefusedWith413() throws {
        _ = try quotas.administration.setOverride(.uploadBytes, to: 1000, forAccount: account)
        XCTAssertThrowsError(try filters.create(account: account, styleImage: style("sketch.png"), name: "Big")) { error in
            guard case .quota(.planLimit(.uploadBytes, 1000, _, "free", _)) = error as? FiltersError else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? FiltersError)?.category, .tooLarge)
        }
        try assertNothingStored()
    }

    /// A PNG signature and IHDR chunk (with a correct CRC) claiming `width` x `height` RGB, then a
    /// token IDAT and IEND: what a decompression bomb's header looks like.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + payload
            return bigEndian(UInt32(payload.count)) + body + bigEndian(crc32(body))
        }
        var ihdr = bigEndian(width) + bigEndian(height)
        ihdr += [8, 2, 0, 0, 0]
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", ihdr) + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
        return Data(bytes)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
