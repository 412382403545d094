import Foundation
import TestSupport
import XCTest

/// Account recovery on the real `stylify serve`, its mail sent by libcurl to a real SMTP server
/// on loopback: verification at sign-up and the free plan's gate before it, password reset by
/// mailed token (the same answer for unknown addresses), password change, and every kind of bad
/// token answered with its own problem.
final class AccountRecoveryServeTests: XCTestCase {
    private var directory: URL!
    private var smtp: SMTPReceiver!
    private var serve: ServeProcess!
    private var client: HTTPClient!
    private let password = "correct horse battery"

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("recovery-serve")
        let gallery = directory.appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: gallery, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.styleImages.appendingPathComponent("trial.jpg"), to: gallery.appendingPathComponent("trial.jpg"))
        smtp = try SMTPReceiver(credentials: ("stylify", "mail secret"))
        serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("data").path, "--models", Fixtures.models.path,
             "--gallery", gallery.path, "--quiet", "--smtp-url", smtp.url, "--smtp-username", "stylify",
             "--mail-from", "Stylify <no-reply@stylify.test>", "--public-url", "https://stylify.test", "--unverified-frames", "0"],
            in: directory, environment: ["STYLIFY_SMTP_PASSWORD": "mail secret"])
        client = HTTPClient(port: serve.port)
    }

    override func tearDownWithError() throws {
        if let serve { XCTAssertEqual(serve.stop(), 0) }
        smtp?.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func testSignUpMailsAVerificationLinkAndTheFreePlanRendersNothingUntilItIsUsed() throws {
        let signUp = try signUp("ada@example.com")
        let mail = try XCTUnwrap(smtp.waitForMessages(1).first)
        XCTAssertEqual(mail.recipients, ["ada@example.com"])
        XCTAssertEqual(mail.from, "no-reply@stylify.test")
        XCTAssertEqual(mail.user, "stylify", "authenticated with the configured credentials")
        XCTAssertEqual(mail.header("Subject"), "Verify your e-mail address for Stylify")
        let token = try Self.token("evt_", in: mail.body)
        XCTAssertTrue(mail.body.contains("https://stylify.test/#/verify-email?token=\(token)"), mail.body)

        let me = try client.get("/v1/me", token: signUp.session).json()
        XCTAssertEqual((me["user"] as? [String: Any])?["email_verified"] as? Bool, false)

        // The gate: 0 frames before verification, refused before any work with the numbers.
        let submission = try stylizationRequest(signUp.session)
        let refused = try client.post("/v1/stylizations", json: submission, token: signUp.session)
        XCTAssertEqual(refused.status, 403, refused.text)
        let problem = try refused.json()
        XCTAssertEqual(problem["code"] as? String, "email_unverified")
        XCTAssertEqual(problem["limit"] as? String, "unverified_frames")
        XCTAssertEqual(problem["allowed"] as? Int, 0)
        XCTAssertEqual(problem["requested"] as? Int, 1)
        XCTAssertTrue((problem["detail"] as? String ?? "").contains("POST /v1/me/email-verification"))

        // Bad tokens, each with its own answer.
        try assertProblem(client.post("/v1/email-verifications", json: ["token": "evt_short"]), 422, "token_malformed")
        try assertProblem(client.post("/v1/email-verifications", json: ["token": "rst_" + token.dropFirst(4)]), 422, "token_malformed")
        try assertProblem(client.post("/v1/email-verifications", json: ["token": "evt_" + String(repeating: "A", count: 43)]), 422, "token_invalid")
        try assertProblem(client.post("/v1/email-verifications", json: ["token": 42]), 422, "invalid_field")
        try assertProblem(client.post("/v1/email-verifications", json: [String: String]()), 422, "missing_field")

        XCTAssertEqual(try client.post("/v1/email-verifications", json: ["token": token]).status, 204)
        try assertProblem(client.post("/v1/email-verifications", json: ["token": token]), 409, "token_used")
        let verified = try client.get("/v1/me", token: signUp.session).json()["user"] as? [String: Any]
        XCTAssertEqual(verified?["email_verified"] as? Bool, true)
        XCTAssertNotNil(verified?["email_verified_at"] as? String)
        try assertProblem(client.post("/v1/me/email-verification", json: [String: String](), token: signUp.session), 409, "already_verified")

        let admitted = try client.post("/v1/stylizations", json: submission, token: signUp.session)
        XCTAssertTrue([201, 202].contains(admitted.status), admitted.text)
    }

    func testAVerificationLinkCanBeAskedForAgainWithinTheLimit() throws {
        let signUp = try signUp("bob@example.com")
        XCTAssertEqual(smtp.waitForMessages(1).count, 1)
        for _ in 0..<3 {
            XCTAssertEqual(try client.post("/v1/me/email-verification", json: [String: String](), token: signUp.session).status, 202)
        }
        let limited = try client.post("/v1/me/email-verification", json: [String: String](), token: signUp.session)
        try assertProblem(limited, 429, "too_many_requests")
        XCTAssertNotNil(limited.header("Retry-After"))
        XCTAssertNotNil(limited.header("RateLimit"))
        let mails = smtp.waitForMessages(4)
        XCTAssertEqual(mails.count, 4)
        // Every link works until it is used or expires: the second mail's token verifies.
        XCTAssertEqual(try client.post("/v1/email-verifications", json: ["token": try Self.token("evt_", in: mails[1].body)]).status, 204)
    }

    func testAPasswordResetByMailSignsOutEverySessionAndKeepsAPIKeys() throws {
        let signUp = try signUp("cleo@example.com")
        XCTAssertEqual(smtp.waitForMessages(1).count, 1)
        let key = try XCTUnwrap(try client.post("/v1/api-keys", json: ["name": "ci"], token: signUp.session).json()["secret"] as? String)

        // Known and unknown addresses get the same answer; only the known one gets a mail.
        let unknown = try client.post("/v1/password-resets", json: ["email": "nobody@example.com"])
        let known = try client.post("/v1/password-resets", json: ["email": " Cleo@Example.com "])
        XCTAssertEqual(unknown.status, 202)
        XCTAssertEqual(known.status, 202)
        XCTAssertEqual(unknown.text, known.text)
        let mails = smtp.waitForMessages(2)
        XCTAssertEqual(mails.count, 2)
        XCTAssertEqual(mails[1].recipients, ["cleo@example.com"])
        XCTAssertEqual(mails[1].header("Subject"), "Reset your Stylify password")
        let token = try Self.token("rst_", in: mails[1].body)
        XCTAssertTrue(mails[1].body.contains("https://stylify.test/#/reset-password?token=\(token)"))
        try assertProblem(client.post("/v1/password-resets", json: ["email": "not an address"]), 422, "invalid_email")

        try assertProblem(client.post("/v1/password-resets/complete", json: ["token": token, "password": "short"]), 422, "invalid_password")
        try assertProblem(client.post("/v1/password-resets/complete", json: ["token": "evt_" + token.dropFirst(4), "password": "new password 1"]),
                          422, "token_malformed")
        try assertProblem(client.post("/v1/password-resets/complete", json: ["token": "rst_" + String(repeating: "z", count: 43), "password": "new password 1"]),
                          422, "token_invalid")
        XCTAssertEqual(try client.post("/v1/password-resets/complete", json: ["token": token, "password": "new password 1"]).status, 204)
        try assertProblem(client.post("/v1/password-resets/complete", json: ["token": token, "password": "new password 2"]), 409, "token_used")

        XCTAssertEqual(try client.get("/v1/me", token: signUp.session).status, 401, "every session ends")
        XCTAssertEqual(try client.get("/v1/me", token: key).status, 200, "API keys keep working")
        XCTAssertEqual(try client.post("/v1/sessions", json: ["email": "cleo@example.com", "password": password]).status, 401)
        let login = try client.post("/v1/sessions", json: ["email": "cleo@example.com", "password": "new password 1"])
        XCTAssertEqual(login.status, 200, login.text)
        let session = try XCTUnwrap(try login.json()["session_token"] as? String)
        let user = try client.get("/v1/me", token: session).json()["user"] as? [String: Any]
        XCTAssertEqual(user?["email_verified"] as? Bool, true, "the reset mail reached the address")

        // Three requests per address in the window, then 429 whatever the address.
        for _ in 0..<2 { XCTAssertEqual(try client.post("/v1/password-resets", json: ["email": "cleo@example.com"]).status, 202) }
        let limited = try client.post("/v1/password-resets", json: ["email": "cleo@example.com"])
        try assertProblem(limited, 429, "too_many_requests")
        XCTAssertNotNil(limited.header("Retry-After"))
    }

    func testAPasswordChangeNeedsTheCurrentPasswordAndSignsOutTheOtherSessions() throws {
        let signUp = try signUp("dan@example.com")
        let other = try XCTUnwrap(try client.post("/v1/sessions", json: ["email": "dan@example.com", "password": password]).json()["session_token"] as? String)
        let key = try XCTUnwrap(try client.post("/v1/api-keys", json: ["name": "ci"], token: signUp.session).json()["secret"] as? String)

        try assertProblem(client.post("/v1/me/password", json: ["current_password": "wrong password", "password": "brand new password"],
                                      token: signUp.session), 403, "incorrect_password")
        try assertProblem(client.post("/v1/me/password", json: ["current_password": password, "password": "short"], token: signUp.session),
                          422, "invalid_password")
        try assertProblem(client.post("/v1/me/password", json: ["password": "brand new password"], token: signUp.session), 422, "missing_field")
        let changed = try client.post("/v1/me/password", json: ["current_password": password, "password": "brand new password"], token: signUp.session)
        XCTAssertEqual(changed.status, 204, changed.text)
        XCTAssertNotNil(changed.header("RateLimit"))

        XCTAssertEqual(try client.get("/v1/me", token: signUp.session).status, 200, "the session that changed it stays")
        XCTAssertEqual(try client.get("/v1/me", token: other).status, 401, "other sessions end")
        XCTAssertEqual(try client.get("/v1/me", token: key).status, 200, "API keys are kept")
        XCTAssertEqual(try client.post("/v1/sessions", json: ["email": "dan@example.com", "password": "brand new password"]).status, 200)

        // A restricted key needs account:write; with it, it changes the owner's password.
        let narrow = try XCTUnwrap(try client.post("/v1/api-keys", json: ["name": "narrow", "scopes": ["assets"]], token: signUp.session)
            .json()["secret"] as? String)
        try assertProblem(client.post("/v1/me/password", json: ["current_password": "brand new password", "password": "x"], token: narrow),
                          403, "insufficient_scope")
    }

    // MARK: - Helpers

    private struct SignedUp {
        let session: String
        let account: String
    }

    private func signUp(_ email: String) throws -> SignedUp {
        let response = try client.post("/v1/accounts", json: ["email": email, "password": password])
        XCTAssertEqual(response.status, 201, response.text)
        let body = try response.json()
        return SignedUp(session: try XCTUnwrap(body["session_token"] as? String),
                        account: try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String))
    }

    /// An uploaded content image and the gallery filter.
    private func stylizationRequest(_ token: String) throws -> [String: Any] {
        let image = try [UInt8](Data(contentsOf: Fixtures.contentImages.appendingPathComponent("brad_pitt.jpg")))
        let asset = try client.send("POST", "/v1/assets", token: token, headers: [("Content-Type", "image/jpeg")], body: image)
        XCTAssertEqual(asset.status, 201, asset.text)
        let filters = try XCTUnwrap(try client.get("/v1/filters", token: token).json()["data"] as? [[String: Any]])
        let filter = try XCTUnwrap(filters.first?["id"] as? String, "the gallery filter")
        return ["content": try XCTUnwrap(try asset.json()["id"] as? String), "filters": [["id": filter]], "max_side": 128]
    }

    private func assertProblem(_ response: HTTPClient.Response, _ status: Int, _ code: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(response.status, status, response.text, file: file, line: line)
        XCTAssertEqual(try response.json()["code"] as? String, code, response.text, file: file, line: line)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json", file: file, line: line)
    }

    /// The token with `prefix` in a mail's body.
    static func token(_ prefix: String, in body: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: "\(prefix)[0-9A-Za-z]{43}")
        let range = try XCTUnwrap(pattern.firstMatch(in: body, range: NSRange(body.startIndex..., in: body))?.range)
        return String(body[Range(range, in: body)!])
    }
}
