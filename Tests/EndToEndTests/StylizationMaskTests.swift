import Foundation
import Media
import TestSupport
import XCTest

/// `mask` and `temporal_smoothing` on `POST /v1/stylizations` over a real server: a masked
/// stylization renders and shows its mask, and every bad value is a 422 naming its field, with
/// nothing stored or reserved.
final class StylizationMaskTests: StylizationTestCase {
    static let maskFile = Fixtures.shared.appendingPathComponent("images/mask.png")

    private struct Setup {
        let user: SignedUp
        let content: String
        let mask: String
        let white: String
        let black: String
    }

    /// A premium account (cutBunny's 240 frames exceed the free plan) with a photo, the mask and two filters.
    private func setUp(_ email: String) throws -> Setup {
        let user = try signUp(email)
        _ = try stylizations.quotas.administration.setPlan("premium", forAccount: user.accountID)
        return Setup(
            user: user, content: try stylizations.upload(Self.photo, account: user.accountID).id.rawValue,
            mask: try stylizations.upload(Self.maskFile, account: user.accountID).id.rawValue,
            white: try stylizations.filter("asheville.jpg", account: user.accountID).id.rawValue,
            black: try stylizations.filter("sketch.png", account: user.accountID).id.rawValue)
    }

    private func maskBody(_ setup: Setup) -> [String: Any] {
        ["content": setup.content, "max_side": 96,
         "mask": ["asset_id": setup.mask, "white": ["filter_id": setup.white, "strength": 0.75], "black": ["filter_id": setup.black]]]
    }

    func testMaskedStylizationRendersAndShowsItsMaskAndRegionStrengths() throws {
        let setup = try setUp("mask@example.com")
        var body = maskBody(setup)
        body["strength"] = 0.5
        let created = try stylize(body, token: setup.user.sessionToken)
        XCTAssertTrue([200, 201].contains(created.status), created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        let final = try XCTUnwrap(try poll(id, token: setup.user.sessionToken).last)
        XCTAssertEqual(final["status"] as? String, "succeeded", "\(final)")
        XCTAssertEqual((final["filters"] as? [Any])?.count, 0)
        let mask = try XCTUnwrap(final["mask"] as? [String: Any])
        XCTAssertEqual(mask["asset_id"] as? String, setup.mask)
        XCTAssertEqual((mask["white"] as? [String: Any])?["filter_id"] as? String, setup.white)
        XCTAssertEqual((mask["white"] as? [String: Any])?["strength"] as? Double, 0.75)
        XCTAssertEqual((mask["black"] as? [String: Any])?["filter_id"] as? String, setup.black)
        XCTAssertEqual((mask["black"] as? [String: Any])?["strength"] as? Double, 0.5, "a region without strength takes the request's")
        XCTAssertEqual((final["options"] as? [String: Any])?["temporal_smoothing"] as? Double, 0, "an image is not smoothed")

        let unmasked = try stylize(["content": setup.content, "filters": [setup.white], "max_side": 96], token: setup.user.sessionToken)
        XCTAssertTrue([200, 201].contains(unmasked.status), unmasked.text)
        XCTAssertTrue(try unmasked.json()["mask"] is NSNull, "an unmasked stylization has mask null")
    }

    func testBadMaskAndSmoothingValuesAre422NamingTheFieldWithNothingStored() throws {
        let setup = try setUp("badmask@example.com")
        let stranger = try signUp("strangermask@example.com")
        let strangersMask = try stylizations.upload(Self.maskFile, account: stranger.accountID).id.rawValue
        let video = try stylizations.upload(Fixtures.video, account: setup.user.accountID).id.rawValue
        let good = maskBody(setup)
        func with(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
            var body = good
            change(&body)
            return body
        }
        func region(_ name: String, _ value: Any) -> [String: Any] {
            with { body in
                var mask = body["mask"] as! [String: Any]
                mask[name] = value
                body["mask"] = mask
            }
        }
        let cases: [([String: Any], String, String)] = [
            (with { $0["mask"] = "ast_x" }, "mask", "invalid_request"),
            (with { $0["mask"] = [String: Any]() }, "mask.asset_id", "missing_field"),
            (region("asset_id", 7), "mask.asset_id", "invalid_request"),
            (region("asset_id", "ast_doesnotexist"), "mask.asset_id", "invalid_request"),
            (region("asset_id", strangersMask), "mask.asset_id", "invalid_request"),
            (region("asset_id", video), "mask.asset_id", "invalid_mask"),
            (region("colour", "red"), "mask.colour", "invalid_request"),
            (region("white", NSNull()), "mask.white", "missing_field"),
            (region("white", "flt_x"), "mask.white", "invalid_request"),
            (region("white", ["strength": 1]), "mask.white.filter_id", "missing_field"),
            (region("white", ["filter_id": 3]), "mask.white.filter_id", "invalid_request"),
            (region("black", ["filter_id": "flt_doesnotexist"]), "mask.black.filter_id", "invalid_request"),
            (region("black", ["filter_id": setup.black, "strength": 1.5]), "mask.black.strength", "invalid_request"),
            (region("black", ["filter_id": setup.black, "strength": "1"]), "mask.black.strength", "invalid_request"),
            (region("black", ["filter_id": setup.black, "strength": true]), "mask.black.strength", "invalid_request"),
            (region("black", ["filter_id": setup.black, "weight": 1]), "mask.black.weight", "invalid_request"),
            (with { $0["filters"] = [setup.white] }, "filters", "invalid_request"),
            (with { $0["temporal_smoothing"] = -0.1 }, "temporal_smoothing", "invalid_request"),
            (with { $0["temporal_smoothing"] = 1.01 }, "temporal_smoothing", "invalid_request"),
            (with { $0["temporal_smoothing"] = "0.5" }, "temporal_smoothing", "invalid_request"),
            (with { $0["temporal_smoothing"] = false }, "temporal_smoothing", "invalid_request"),
        ]
        for (body, param, code) in cases {
            try assertProblem(try stylize(body, token: setup.user.sessionToken), status: 422, code: code, param: param)
        }
        let list = try client.get("/v1/stylizations", token: setup.user.sessionToken).json()
        XCTAssertEqual((list["data"] as? [Any])?.count, 0, "no stylization record for a refused request")
        let usage = try stylizations.quotas.usage(account: setup.user.accountID)
        XCTAssertEqual(usage.frames + usage.reservedFrames, 0, "nothing charged or reserved")
    }

    func testVideoGetsTheDefaultSmoothingAndKeepsAnExplicitOne() throws {
        let setup = try setUp("steady@example.com")
        let video = try stylizations.upload(Fixtures.video, account: setup.user.accountID).id.rawValue
        let byDefault = try stylize(["content": video, "filters": [setup.white], "max_side": 32], token: setup.user.sessionToken)
        XCTAssertEqual(byDefault.status, 202, byDefault.text)
        XCTAssertEqual((try byDefault.json()["options"] as? [String: Any])?["temporal_smoothing"] as? Double ?? -1, 0.8, accuracy: 1e-6)
        let off = try stylize(["content": video, "filters": [setup.white], "max_side": 32, "temporal_smoothing": 0], token: setup.user.sessionToken)
        XCTAssertEqual(off.status, 202, off.text)
        XCTAssertEqual((try off.json()["options"] as? [String: Any])?["temporal_smoothing"] as? Double, 0)
        for response in [byDefault, off] {
            let id = try XCTUnwrap(try response.json()["id"] as? String)
            _ = try client.send("POST", "/v1/stylizations/\(id)/cancel", token: setup.user.sessionToken)
        }
    }
}
