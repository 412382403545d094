import Foundation
import TestSupport
import XCTest

/// Uploads that are not usable media: each gets its own 4xx `code`, and nothing is stored.
final class BadUploadTests: ContentTestCase {
    func testZeroByteUploadIsRefusedAsEmpty() throws {
        let token = try signUp("empty@example.com").sessionToken
        try assertProblem(try rawUpload(Data(), contentType: "image/jpeg", token: token), status: 422, code: "empty_file", param: "file")
        try assertProblem(
            try multipart("/v1/assets", token: token, fileField: "file", fileName: "empty.jpg", file: Data()),
            status: 422, code: "empty_file", param: "file")
        try assertNothingStored(token: token)
    }

    func testTruncatedImageIsRefusedAsCorrupt() throws {
        let token = try signUp("truncated@example.com").sessionToken
        let whole = try contentImage("chicago.jpg")
        try assertProblem(
            try rawUpload(whole.prefix(whole.count / 2), contentType: "image/jpeg", token: token),
            status: 422, code: "corrupt_media", param: "file")
        try assertNothingStored(token: token)
    }

    func testBytesThatAreNoMediaAreAnUnsupportedMediaType() throws {
        let token = try signUp("garbage@example.com").sessionToken
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        try assertProblem(try rawUpload(garbage, contentType: "image/png", token: token), status: 415, code: "unsupported_media_type", param: "file")
        try assertNothingStored(token: token)
    }

    func testDecompressionBombIsRefusedFromItsHeaderByThePlan() throws {
        let token = try signUp("bomb@example.com").sessionToken
        let problem = try assertProblem(
            try rawUpload(Self.pngHeader(width: 100_000, height: 100_000), contentType: "image/png", token: token),
            status: 422, code: "plan_limit")
        XCTAssertNotNil(problem["limit"])
        try assertNothingStored(token: token)
    }

    func testImageLargerThanThePlanAllowsIsRefusedNamingTheLimit() throws {
        let token = try signUp("large@example.com").sessionToken
        let problem = try assertProblem(
            try rawUpload(try contentImage("avril.jpg"), contentType: "image/jpeg", token: token), status: 422, code: "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "image_long_side")
        XCTAssertEqual(problem["allowed"] as? Int, 1024)
        try assertNothingStored(token: token)
    }

    func testUploadOverThePlansUploadSizeIs413NamingTheLimit() throws {
        let account = try signUp("big@example.com")
        _ = try quotas.administration.setOverride(.uploadBytes, to: 100_000, forAccount: account.accountID)
        let problem = try assertProblem(
            try rawUpload(try contentImage("chicago.jpg"), contentType: "image/jpeg", token: account.sessionToken),
            status: 413, code: "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "upload_bytes")
        XCTAssertEqual(problem["allowed"] as? Int, 100_000)
        try assertProblem(
            try multipart("/v1/filters", token: account.sessionToken, fields: [("name", "Big")], fileField: "image",
                          fileName: "chicago.jpg", file: try contentImage("chicago.jpg")),
            status: 413, code: "plan_limit")
        try assertNothingStored(token: account.sessionToken)
    }

    func testStyleImageUnder64PixelsIsRefusedAsTooSmall() throws {
        let token = try signUp("tiny@example.com").sessionToken
        let tiny = Self.pngHeader(width: 100, height: 32)
        try assertProblem(
            try multipart("/v1/filters", token: token, fields: [("name", "Tiny")], fileField: "image", fileName: "tiny.png", file: tiny),
            status: 422, code: "image_too_small", param: "file")
        let corrupt = try contentImage("chicago.jpg").prefix(5000)
        try assertProblem(
            try multipart("/v1/filters", token: token, fields: [("name", "Half")], fileField: "image", fileName: "half.jpg", file: Data(corrupt)),
            status: 422, code: "corrupt_media", param: "file")
        try assertNothingStored(token: token)
    }

    func testFormWithoutTheFilePartNamesTheMissingField() throws {
        let token = try signUp("nofile@example.com").sessionToken
        try assertProblem(
            try multipart("/v1/assets", token: token, fileField: "attachment", fileName: "a.jpg", file: try contentImage("chicago.jpg")),
            status: 422, code: "missing_field", param: "file")
        try assertProblem(
            try multipart("/v1/filters", token: token, fileField: "image", fileName: "trial.jpg",
                          file: try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("trial.jpg"))),
            status: 422, code: "missing_field", param: "name")
        try assertNothingStored(token: token)
    }

    /// No asset, no custom filter, and no blob beyond the gallery's.
    private func assertNothingStored(token: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual((try client.get("/v1/assets", token: token).json()["data"] as? [Any])?.count, 0, file: file, line: line)
        let filters = try client.get("/v1/filters", token: token).json()["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(filters.filter { $0["kind"] as? String == "custom" }.count, 0, file: file, line: line)
        XCTAssertEqual(blobFiles().count, 2 * Self.galleryImages.count, "only the gallery's style images and thumbnails: \(blobFiles())", file: file, line: line)
    }

    /// A PNG signature and IHDR chunk (with a correct CRC) claiming `width` x `height`, then a token
    /// IDAT and IEND: what a decompression bomb's header looks like.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        func bigEndian(_ value: UInt32) -> [UInt8] {
            [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return crc ^ 0xFFFF_FFFF
        }
        func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + payload
            return bigEndian(UInt32(payload.count)) + body + bigEndian(crc32(body))
        }
        let header = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
        return Data(bytes)
    }
}
