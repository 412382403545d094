import Foundation
import Media
import TestSupport
import XCTest

/// End-to-end stylization tests: a `StylizationServer` per test, accounts signed up over HTTP.
class StylizationTestCase: EndToEndTestCase {
    var stylizations: StylizationServer!

    override func setUpWithError() throws {
        stylizations = try StylizationServer()
        server = nil
    }

    override func tearDownWithError() throws {
        stylizations?.stop()
        stylizations = nil
    }

    override var client: HTTPClient {
        var client = stylizations.client
        client.timeoutSeconds = 120
        return client
    }

    static let photo = Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg")

    /// `POST /v1/stylizations` with a JSON body and optional extra headers.
    func stylize(_ body: [String: Any], token: String, headers: [(String, String)] = []) throws -> HTTPClient.Response {
        let bytes = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return try client.send(
            "POST", "/v1/stylizations", token: token,
            headers: [("Content-Type", "application/json")] + headers, body: [UInt8](bytes))
    }

    /// Polls `GET /v1/stylizations/{id}` until the job ends; returns every body seen.
    func poll(_ id: String, token: String, timeout: TimeInterval = 240) throws -> [[String: Any]] {
        var seen: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let response = try client.get("/v1/stylizations/\(id)", token: token)
            XCTAssertEqual(response.status, 200, response.text)
            let body = try response.json()
            seen.append(body)
            if let status = body["status"] as? String, ["succeeded", "failed", "canceled"].contains(status) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return seen
    }

    /// Mean absolute difference per channel of two images of the same size.
    func meanAbsoluteDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        var total = 0
        for index in a.pixels.indices { total += abs(Int(a.pixels[index]) - Int(b.pixels[index])) }
        return Double(total) / Double(a.pixels.count)
    }
}
