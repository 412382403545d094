import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// `model` on `POST /v1/stylizations` and `GET /v1/models` against a real server with the real
/// MicroAST weights and the synthetic AdaIN weights of `../shared/models/adain-synthetic`.
final class StylizationModelTests: StylizationTestCase {
    private var modelsRoot: URL!

    override func setUpWithError() throws {
        modelsRoot = try Fixtures.temporaryDirectory("e2e-models")
        stylizations = try StylizationServer(models: try StylizationServer.withAdaIN(in: modelsRoot))
        server = nil
    }

    override func tearDownWithError() throws {
        try super.tearDownWithError()
        try? FileManager.default.removeItem(at: modelsRoot)
    }

    func testModelsListsTheLoadedModelsWithTheDefaultFirst() throws {
        let token = try signUp("models@example.com").sessionToken
        let response = try client.get("/v1/models", token: token)
        XCTAssertEqual(response.status, 200, response.text)
        let body = try response.json()
        XCTAssertEqual(body["object"] as? String, "list")
        XCTAssertEqual(body["has_more"] as? Bool, false)
        let models = try XCTUnwrap(body["data"] as? [[String: Any]])
        XCTAssertEqual(models.map { $0["id"] as? String }, ["microast", "adain"])
        XCTAssertEqual(models.map { $0["default"] as? Bool }, [true, false])
        XCTAssertEqual(models.map { $0["included_in_plan"] as? Bool }, [true, true])
        XCTAssertTrue(models.allSatisfy { ($0["description"] as? String)?.isEmpty == false && $0["object"] as? String == "model" })
    }

    func testAdaINRendersAndCachesTheFiltersAdaINCodeBesideTheMicroASTOne() throws {
        let signedUp = try signUp("adain@example.com")
        let asset = try stylizations.upload(Self.photo, account: signedUp.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: signedUp.accountID)
        let response = try stylize(
            ["content": asset.id.rawValue, "filters": [["id": filter.id.rawValue]], "model": "adain", "max_side": 128],
            token: signedUp.sessionToken)
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        XCTAssertEqual(body["status"] as? String, "succeeded", response.text)
        XCTAssertEqual((body["options"] as? [String: Any])?["model"] as? String, "adain")
        let models = try stylizations.database.read { connection in
            try connection.query("SELECT model FROM filter_style_codes WHERE filter_id = ? ORDER BY model", filter.id.rawValue)
                .map { try $0.string("model") }
        }
        XCTAssertEqual(models, ["adain", "microast"], "one style code per model, cached beside each other")

        // The default stays MicroAST, and the two models render differently.
        let micro = try stylize(["content": asset.id.rawValue, "filters": [filter.id.rawValue], "max_side": 128], token: signedUp.sessionToken)
        XCTAssertEqual(micro.status, 201, micro.text)
        XCTAssertEqual(((try micro.json())["options"] as? [String: Any])?["model"] as? String, "microast")
        let adainResult = try client.get("/v1/stylizations/\(body["id"] as! String)/result", token: signedUp.sessionToken)
        let microResult = try client.get("/v1/stylizations/\((try micro.json())["id"] as! String)/result", token: signedUp.sessionToken)
        XCTAssertEqual(adainResult.status, 200)
        XCTAssertNotEqual(adainResult.body, microResult.body)
    }

    func testAnUnknownModelNameIsRefusedBeforeAnyWork() throws {
        let signedUp = try signUp("bad-model@example.com")
        let asset = try stylizations.upload(Self.photo, account: signedUp.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: signedUp.accountID)
        for bad: Any in ["vgg", "MicroAST", "", 1, true, ["adain"]] {
            let response = try stylize(["content": asset.id.rawValue, "filters": [filter.id.rawValue], "model": bad], token: signedUp.sessionToken)
            let problem = try assertProblem(response, status: 422, code: "invalid_request", param: "model")
            XCTAssertTrue((problem["detail"] as? String)?.contains("microast, adain") == true, response.text)
        }
        XCTAssertEqual(try stylizations.service.list(account: signedUp.accountID, limit: 10, startingAfter: nil).items.count, 0)
    }

    func testAModelThePlanDoesNotIncludeIsForbiddenNamingThePlansModels() throws {
        let signedUp = try signUp("plan-models@example.com")
        let asset = try stylizations.upload(Self.photo, account: signedUp.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: signedUp.accountID)
        try stylizations.quotas.administration.setModels("microast", inPlan: "free", known: ["microast", "adain"])

        let response = try stylize(["content": asset.id.rawValue, "filters": [filter.id.rawValue], "model": "adain"], token: signedUp.sessionToken)
        let problem = try assertProblem(response, status: 403, code: "model_not_in_plan", param: "model")
        XCTAssertEqual(problem["plan"] as? String, "free")
        XCTAssertEqual(problem["allowed_models"] as? [String], ["microast"])
        XCTAssertEqual(problem["upgrade_to"] as? String, "premium")
        XCTAssertEqual(try stylizations.service.list(account: signedUp.accountID, limit: 10, startingAfter: nil).items.count, 0)

        let models = try XCTUnwrap(try client.get("/v1/models", token: signedUp.sessionToken).json()["data"] as? [[String: Any]])
        XCTAssertEqual(models.map { $0["included_in_plan"] as? Bool }, [true, false])
        let quota = try XCTUnwrap(try client.get("/v1/me", token: signedUp.sessionToken).json()["quota"] as? [String: Any])
        XCTAssertEqual(quota["models"] as? [String], ["microast"])

        // `all` lifts the restriction again; /v1/me then says null (every loaded model).
        try stylizations.quotas.administration.setModels("all", inPlan: "free", known: ["microast", "adain"])
        Thread.sleep(forTimeInterval: 1.1)  // the limits cache trusts a read for up to a second
        let quotaAfter = try XCTUnwrap(try client.get("/v1/me", token: signedUp.sessionToken).json()["quota"] as? [String: Any])
        XCTAssertTrue(quotaAfter["models"] is NSNull, "\(quotaAfter)")
        let allowed = try stylize(
            ["content": asset.id.rawValue, "filters": [filter.id.rawValue], "model": "adain", "max_side": 64], token: signedUp.sessionToken)
        XCTAssertEqual(allowed.status, 201, allowed.text)
    }

    func testAKeyWithoutStylizationsReadCannotListModels() throws {
        let signedUp = try signUp("models-scope@example.com")
        let narrow = try createKey(signedUp.sessionToken, scopes: ["filters:read"])
        let response = try client.get("/v1/models", token: narrow.secret)
        try assertProblem(response, status: 403, code: "insufficient_scope")
        let reader = try createKey(signedUp.sessionToken, scopes: ["stylizations:read"])
        XCTAssertEqual(try client.get("/v1/models", token: reader.secret).status, 200)
    }
}

/// A server whose models root has no AdaIN weights (`../shared/models` as it is).
final class StylizationModelNotLoadedTests: StylizationTestCase {
    func testAModelThatIsNotLoadedIsRefusedNamingTheLoadedOnes() throws {
        let signedUp = try signUp("not-loaded@example.com")
        let asset = try stylizations.upload(Self.photo, account: signedUp.accountID)
        let filter = try stylizations.filter("asheville.jpg", account: signedUp.accountID)
        let response = try stylize(["content": asset.id.rawValue, "filters": [filter.id.rawValue], "model": "adain"], token: signedUp.sessionToken)
        let problem = try assertProblem(response, status: 422, code: "model_not_loaded", param: "model")
        XCTAssertEqual(problem["loaded"] as? [String], ["microast"])
        XCTAssertTrue((problem["detail"] as? String)?.contains("adain") == true)
        XCTAssertEqual(try stylizations.service.list(account: signedUp.accountID, limit: 10, startingAfter: nil).items.count, 0)

        let models = try XCTUnwrap(try client.get("/v1/models", token: signedUp.sessionToken).json()["data"] as? [[String: Any]])
        XCTAssertEqual(models.map { $0["id"] as? String }, ["microast"])
    }
}
