import Foundation
import TestSupport
import XCTest

extension HTTPClient {
    /// Uploads `../shared/images/content/chicago.jpg` (raw body) and creates the custom filter
    /// "Asheville" from its painting (multipart), as a client would before stylizing; both must
    /// answer 201.
    ///
    /// - Returns: the asset's and the filter's ids.
    func uploadPhotoAndFilter(token: String, file: StaticString = #filePath, line: UInt = #line) throws -> (asset: String, filter: String) {
        let photo = try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("chicago.jpg"))
        let uploaded = try send("POST", "/v1/assets", token: token, headers: [("Content-Type", "image/jpeg")], body: [UInt8](photo))
        XCTAssertEqual(uploaded.status, 201, uploaded.text, file: file, line: line)
        let filter = try multipart(
            "/v1/filters", token: token, fields: [("name", "Asheville")], fileField: "image", fileName: "asheville.jpg",
            contentType: "image/jpeg", file: try Data(contentsOf: Fixtures.styleImages.appendingPathComponent("asheville.jpg")))
        XCTAssertEqual(filter.status, 201, filter.text, file: file, line: line)
        return (try XCTUnwrap(try uploaded.json()["id"] as? String, file: file, line: line),
                try XCTUnwrap(try filter.json()["id"] as? String, file: file, line: line))
    }
}
