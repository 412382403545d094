import Foundation
import Media
import TestSupport
import XCTest

/// Idempotency keys, tenant isolation and bad input of the stylization endpoints.
final class StylizationRequestTests: StylizationTestCase {
    private func image(_ email: String) throws -> (user: SignedUp, body: [String: Any]) {
        let user = try signUp(email)
        let asset = try stylizations.upload(Self.photo, account: user.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        return (user, ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue, "weight": 1]], "max_side": 64])
    }

    func testIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() throws {
        let (user, body) = try image("idem@example.com")
        let key = ("Idempotency-Key", "order-42")
        let first = try stylize(body, token: user.sessionToken, headers: [key])
        XCTAssertEqual(first.status, 201, first.text)
        let again = try stylize(body, token: user.sessionToken, headers: [key])
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(again.body, first.body, "the same stylization, not a second job")
        XCTAssertEqual(again.header("Location"), first.header("Location"))
        let list = try client.get("/v1/stylizations", token: user.sessionToken).json()
        XCTAssertEqual((list["data"] as? [Any])?.count, 1)

        var other = body
        other["strength"] = 0.5
        try assertProblem(try stylize(other, token: user.sessionToken, headers: [key]), status: 422, code: "idempotency_key_reused")
        var invalid = body
        invalid["strength"] = 7
        let refused = try stylize(invalid, token: user.sessionToken, headers: [("Idempotency-Key", "order-44")])
        try assertProblem(refused, status: 422, code: "invalid_request", param: "strength")
        let refusedAgain = try stylize(invalid, token: user.sessionToken, headers: [("Idempotency-Key", "order-44")])
        XCTAssertEqual(refusedAgain.status, 422)
        XCTAssertEqual(refusedAgain.body, refused.body, "a refusal is replayed too")
        XCTAssertEqual(refusedAgain.header("Idempotent-Replayed"), "true")

        let fresh = try stylize(other, token: user.sessionToken, headers: [("Idempotency-Key", "order-43")])
        XCTAssertEqual(fresh.status, 201, fresh.text)
        XCTAssertNotEqual(try fresh.json()["id"] as? String, try first.json()["id"] as? String)
    }

    func testContentTooSmallToRenderIs422BeforeAnyWork() throws {
        let user = try signUp("pixel@example.com")
        let filter = try stylizations.filter("asheville.jpg", account: user.accountID)
        func content(width: Int, height: Int) throws -> String {
            let file = stylizations.directory.appendingPathComponent("\(width)x\(height).png")
            try Data(try RGBImage(width: width, height: height, filledWith: RGB(red: 90, green: 40, blue: 200)).encoded(as: .png)).write(to: file)
            return try stylizations.upload(file, account: user.accountID).id.rawValue
        }
        let filters = [["id": filter.id.rawValue, "weight": 1]]
        // A 1x1 image, and a 400x40 one that max_side 100 would shrink to 100x10.
        for (asset, maxSide) in [(try content(width: 1, height: 1), nil), (try content(width: 400, height: 40), 100)] as [(String, Int?)] {
            var body: [String: Any] = ["content": asset, "filters": filters]
            if let maxSide { body["max_side"] = maxSide }
            let refused = try stylize(body, token: user.sessionToken)
            let problem = try assertProblem(refused, status: 422, code: "content_too_small", param: "content")
            XCTAssertTrue((problem["detail"] as? String)?.contains("16 px") ?? false, refused.text)
        }
        let list = try client.get("/v1/stylizations", token: user.sessionToken).json()
        XCTAssertEqual((list["data"] as? [Any])?.count, 0, "no stylization record for a refused request")
        let usage = try stylizations.quotas.usage(account: user.accountID)
        XCTAssertEqual(usage.frames + usage.reservedFrames, 0, "nothing charged or reserved")
        // The 400x40 image itself renders when it is not shrunk.
        let fits = try stylize(["content": try content(width: 400, height: 40), "filters": filters], token: user.sessionToken)
        XCTAssertEqual(fits.status, 201, fits.text)
    }

    func testAnotherAccountsStylizationIsNotFoundForGetResultAndCancel() throws {
        let (owner, body) = try image("owner@example.com")
        let created = try stylize(body, token: owner.sessionToken)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(try created.json()["id"] as? String)
        let stranger = try signUp("stranger@example.com")

        try assertProblem(try client.get("/v1/stylizations/\(id)", token: stranger.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/stylizations/\(id)/result", token: stranger.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.send("POST", "/v1/stylizations/\(id)/cancel", token: stranger.sessionToken), status: 404, code: "not_found")
        try assertProblem(try client.get("/v1/stylizations/sty_doesnotexist", token: owner.sessionToken), status: 404, code: "not_found")
        let list = try client.get("/v1/stylizations", token: stranger.sessionToken).json()
        XCTAssertEqual((list["data"] as? [Any])?.count, 0)
        XCTAssertEqual(try client.get("/v1/stylizations/\(id)", token: owner.sessionToken).status, 200)
    }

    func testBadFilterStrengthFormatAndContentAnswer422NamingTheParam() throws {
        let (user, body) = try image("bad@example.com")
        let stranger = try signUp("other@example.com")
        let foreignFilter = try stylizations.filter("brushstrokes.jpg", account: stranger.accountID)
        let foreignAsset = try stylizations.upload(Self.photo, account: stranger.accountID)
        func expect(_ change: (inout [String: Any]) -> Void, param: String, file: StaticString = #filePath, line: UInt = #line) throws {
            var changed = body
            change(&changed)
            let problem = try assertProblem(
                try stylize(changed, token: user.sessionToken), status: 422, code: "invalid_request", file: file, line: line)
            XCTAssertEqual(problem["param"] as? String, param, file: file, line: line)
        }
        try expect({ $0["filters"] = [["id": "flt_nosuchfilter000000000"]] }, param: "filters[0].id")
        try expect({ $0["filters"] = [["id": foreignFilter.id.rawValue]] }, param: "filters[0].id")
        try expect({ $0["filters"] = [] }, param: "filters")
        try expect({ $0["filters"] = [["id": foreignFilter.id.rawValue, "weight": -1]] }, param: "filters[0].weight")
        try expect({ $0["strength"] = 1.5 }, param: "strength")
        try expect({ $0["strength"] = "strong" }, param: "strength")
        try expect({ $0["format"] = "gif" }, param: "format")
        try expect({ $0["format"] = "mp4" }, param: "format")
        try expect({ $0["quality"] = 0 }, param: "quality")
        try expect({ $0["content"] = foreignAsset.id.rawValue }, param: "content")
        try expect({ $0["content"] = "ast_missing" }, param: "content")
        var missing = body
        missing["content"] = nil
        try assertProblem(try stylize(missing, token: user.sessionToken), status: 422, code: "missing_field", param: "content")
        try assertProblem(
            try client.send("POST", "/v1/stylizations", token: user.sessionToken, headers: [("Content-Type", "application/json")], body: Array("[1]".utf8)),
            status: 400, code: "invalid_json")
        XCTAssertEqual((try client.get("/v1/stylizations", token: user.sessionToken).json()["data"] as? [Any])?.count, 0,
                       "nothing was created")
        XCTAssertEqual(try stylizations.quotas.usage(account: user.accountID).reservedFrames, 0)
    }

    func testAnAPIKeyWithOnlyTheReadScopeCannotCreateStylizations() throws {
        let (user, body) = try image("scoped@example.com")
        let key = try createKey(user.sessionToken, scopes: ["stylizations:read"])
        try assertProblem(try stylize(body, token: key.secret), status: 403, code: "insufficient_scope")
        XCTAssertEqual(try client.get("/v1/stylizations", token: key.secret).status, 200)
        let writer = try createKey(user.sessionToken, name: "writer", scopes: ["stylizations"])
        XCTAssertEqual(try stylize(body, token: writer.secret).status, 201)
    }

    func testListPagesNewestFirstAndRefusesAForeignCursor() throws {
        let (user, body) = try image("pages@example.com")
        var ids: [String] = []
        for _ in 0..<3 {
            let response = try stylize(body, token: user.sessionToken)
            XCTAssertEqual(response.status, 201, response.text)
            ids.append(try XCTUnwrap(try response.json()["id"] as? String))
        }
        let first = try client.get("/v1/stylizations?limit=2", token: user.sessionToken).json()
        let firstIDs = (first["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        XCTAssertEqual(firstIDs, [ids[2], ids[1]])
        XCTAssertEqual(first["has_more"] as? Bool, true)
        let second = try client.get("/v1/stylizations?limit=2&starting_after=\(ids[1])", token: user.sessionToken).json()
        XCTAssertEqual((second["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [ids[0]])
        XCTAssertEqual(second["has_more"] as? Bool, false)

        let stranger = try signUp("pages-stranger@example.com")
        try assertProblem(
            try client.get("/v1/stylizations?starting_after=\(ids[1])", token: stranger.sessionToken),
            status: 400, code: "invalid_parameter", param: "starting_after")
        try assertProblem(try client.get("/v1/stylizations?limit=0", token: user.sessionToken), status: 400, code: "invalid_parameter", param: "limit")
    }
}
