import Foundation
import Media
import TestSupport
import XCTest

/// `POST /v1/stylizations` as `multipart/form-data`: the content file and the stylization's JSON in
/// one request. The file becomes a content asset (reusable with another filter); a refused request
/// keeps nothing; the plan's upload limit is applied from the head, before the body is read.
final class StylizationInlineUploadTests: StylizationTestCase {
    private func stylizeInline(
        request json: String?, file: Data?, fileName: String = "photo.jpg", token: String, headers: [(String, String)] = []
    ) throws -> HTTPClient.Response {
        let boundary = "stylify-inline-\(UUID().uuidString)"
        var body = Data()
        if let json {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"request\"\r\nContent-Type: application/json\r\n\r\n\(json)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"content\"; filename=\"\(fileName)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8))
            body.append(file)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var client = self.client
        client.timeoutSeconds = 120
        return try client.send(
            "POST", "/v1/stylizations", token: token,
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")] + headers, body: [UInt8](body))
    }

    private func assets(_ token: String) throws -> [[String: Any]] {
        try client.get("/v1/assets", token: token).json()["data"] as? [[String: Any]] ?? []
    }

    func testUploadAndStylizeInOneRequestThenReuseTheContentWithAnotherFilter() throws {
        let user = try signUp("inline@example.com")
        let first = try stylizations.filter("asheville.jpg", account: user.accountID)
        let photo = try Data(contentsOf: Self.photo)

        let response = try stylizeInline(
            request: #"{"filters":[{"id":"\#(first.id.rawValue)","weight":1}],"max_side":128}"#, file: photo, token: user.sessionToken)
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        let content = try XCTUnwrap(body["content"] as? String)
        XCTAssertTrue(content.hasPrefix("ast_"))
        let upload = try XCTUnwrap(try assets(user.sessionToken).first { $0["id"] as? String == content })
        XCTAssertEqual(upload["source"] as? String, "upload")
        XCTAssertEqual(upload["name"] as? String, "photo.jpg")
        let url = try XCTUnwrap((body["result"] as? [String: Any])?["url"] as? String)
        let output = try ImageDecoder.decode(Data(try client.get(url, token: user.sessionToken).body))
        XCTAssertEqual(max(output.width, output.height), 128)

        let second = try stylizations.filter("brushstrokes.jpg", account: user.accountID)
        let again = try stylize(
            ["content": content, "filters": [["id": second.id.rawValue, "weight": 1]], "max_side": 128], token: user.sessionToken)
        XCTAssertEqual(again.status, 201, again.text)
    }

    func testARefusedInlineStylizationKeepsNoAsset() throws {
        let user = try signUp("refused@example.com")
        let photo = try Data(contentsOf: Self.photo)

        let unknownFilter = try stylizeInline(
            request: #"{"filters":[{"id":"flt_doesnotexist000000","weight":1}]}"#, file: photo, token: user.sessionToken)
        XCTAssertEqual(unknownFilter.status, 422, unknownFilter.text)
        XCTAssertEqual(try unknownFilter.json()["param"] as? String, "filters[0].id")
        let corrupt = try stylizeInline(
            request: #"{"filters":[{"id":"flt_doesnotexist000000","weight":1}]}"#, file: photo.prefix(300), token: user.sessionToken)
        XCTAssertEqual(corrupt.status / 100, 4, corrupt.text)
        XCTAssertEqual(try assets(user.sessionToken).count, 0, "neither request left an asset")
    }

    func testAnInlineFormNeedsItsPartsAndNotAContentIdToo() throws {
        let user = try signUp("parts@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let photo = try Data(contentsOf: Self.photo)
        let json = #"{"filters":[{"id":"\#(filter.id.rawValue)","weight":1}],"max_side":64}"#

        let noRequest = try stylizeInline(request: nil, file: photo, token: user.sessionToken)
        XCTAssertEqual(noRequest.status, 422, noRequest.text)
        XCTAssertEqual(try noRequest.json()["param"] as? String, "request")
        let noFile = try stylizeInline(request: json, file: nil, token: user.sessionToken)
        XCTAssertEqual(noFile.status, 422, noFile.text)
        XCTAssertEqual(try noFile.json()["param"] as? String, "content")
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let both = try stylizeInline(
            request: #"{"content":"\#(asset.id.rawValue)","filters":[{"id":"\#(filter.id.rawValue)","weight":1}]}"#,
            file: photo, token: user.sessionToken)
        XCTAssertEqual(both.status, 422, both.text)
        XCTAssertEqual(try both.json()["param"] as? String, "content")
        let badJSON = try stylizeInline(request: "{not json", file: photo, token: user.sessionToken)
        XCTAssertEqual(badJSON.status, 400, badJSON.text)
        XCTAssertEqual(try assets(user.sessionToken).count, 1, "only the asset uploaded on its own")
    }

    func testAnInlineUploadOverThePlanIsRefusedFromTheHead() throws {
        let user = try signUp("big@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        _ = try stylizations.quotas.administration.setOverride(.uploadBytes, to: 10_000, forAccount: user.accountID)
        let response = try stylizeInline(
            request: #"{"filters":[{"id":"\#(filter.id.rawValue)","weight":1}]}"#,
            file: try Data(contentsOf: Self.photo), token: user.sessionToken)
        XCTAssertEqual(response.status, 413, response.text)
        let problem = try response.json()
        XCTAssertEqual(problem["code"] as? String, "plan_limit")
        XCTAssertEqual(problem["limit"] as? String, "upload_bytes")
        XCTAssertEqual(problem["allowed"] as? Int, 10_000)
        XCTAssertEqual(try assets(user.sessionToken).count, 0)
    }

    func testAnIdempotentRetryWithAnotherBoundaryReplaysTheFirstAnswer() throws {
        let user = try signUp("retry@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        let photo = try Data(contentsOf: Self.photo)
        let json = #"{"filters":[{"id":"\#(filter.id.rawValue)","weight":1}],"max_side":64}"#
        let key = [("Idempotency-Key", "inline-\(UUID().uuidString)")]

        let first = try stylizeInline(request: json, file: photo, token: user.sessionToken, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        let replay = try stylizeInline(request: json, file: photo, token: user.sessionToken, headers: key)
        XCTAssertEqual(replay.status, 201, replay.text)
        XCTAssertEqual(replay.header("Idempotent-Replayed"), "true")
        XCTAssertEqual(try replay.json()["id"] as? String, try first.json()["id"] as? String)
        let otherPhoto = try stylizeInline(
            request: json, file: try Data(contentsOf: Fixtures.contentImages.appendingPathComponent("chicago.jpg")),
            token: user.sessionToken, headers: key)
        XCTAssertEqual(otherPhoto.status, 422, "another file under the same key is another request")
        let uploads = try assets(user.sessionToken).filter { $0["source"] as? String == "upload" }
        XCTAssertEqual(uploads.count, 1, "the replay uploaded nothing new")
    }
}
