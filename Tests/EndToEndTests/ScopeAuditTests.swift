import Accounts
import Foundation
import Quotas
import Storage
import TestSupport
import XCTest

/// Every operation `openapi.yaml` describes, called on the real `stylify serve` with API keys of
/// every scope: a key reaches an operation only when it holds the operation's
/// `x-required-scope`, so a route that forgets its check — or a spec that forgets a route's
/// scope — fails here, resource by resource.
final class ScopeAuditTests: XCTestCase {
    private var directory: URL!
    private var serve: ServeProcess!
    private var client: HTTPClient!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("scope-audit")
        let data = directory.appendingPathComponent("data")
        serve = try ServeProcess(
            ["--listen", "127.0.0.1:0", "--data-dir", data.path, "--models", Fixtures.models.path, "--quiet"], in: directory)
        client = HTTPClient(port: serve.port)
    }

    override func tearDownWithError() throws {
        _ = serve?.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func testEveryOperationAdmitsExactlyTheKeysHoldingItsScope() throws {
        let operations = try OpenAPIOperation.described()
        let session = try signUpPremium()
        var keys: [String: String] = [:]
        func key(_ scopes: [String]) throws -> String {
            let label = scopes.joined(separator: " ")
            if let secret = keys[label] { return secret }
            var created = try client.post("/v1/api-keys", json: ["name": "audit", "scopes": scopes], token: session)
            if created.status == 409 {
                // More scope combinations than an account may hold keys: start over with fresh ones.
                for id in try XCTUnwrap(try client.get("/v1/api-keys?limit=100", token: session).json()["data"] as? [[String: Any]])
                    .compactMap({ $0["id"] as? String }) {
                    XCTAssertEqual(try client.delete("/v1/api-keys/\(id)", token: session).status, 204)
                }
                keys.removeAll()
                created = try client.post("/v1/api-keys", json: ["name": "audit", "scopes": scopes], token: session)
            }
            XCTAssertEqual(created.status, 201, created.text)
            let secret = try XCTUnwrap(try created.json()["secret"] as? String)
            keys[label] = secret
            return secret
        }

        var audited = Set<String>()
        for operation in operations where !operation.isPublic && operation.path.hasPrefix("/v1/") {
            let name = "\(operation.method.rawValue) \(operation.path)"
            guard let scope = operation.requiredScope else {
                XCTAssertTrue(Self.openToEveryCredential.contains(name), "\(name) names no x-required-scope")
                continue
            }
            XCTAssertTrue(APIKeyScope.isKnown(scope), "\(name): unknown scope \(scope)")
            let parts = scope.split(separator: ":").map(String.init)
            let (resource, action) = (parts[0], parts[1])
            audited.insert(resource)
            let otherAction = action == "read" ? "write" : "read"
            let everythingElse = APIKeyScope.resources.filter { $0 != resource }

            for refused in [[resource + ":" + otherAction], everythingElse] {
                let response = try call(operation, token: try key(refused))
                XCTAssertEqual(response.status, 403, "\(name) with \(refused): \(response.text)")
                XCTAssertTrue(response.text.contains("insufficient_scope"), "\(name) with \(refused): \(response.text)")
                XCTAssertEqual(response.header("WWW-Authenticate"),
                               #"Bearer realm="stylify", error="insufficient_scope", scope="\#(scope)""#, name)
            }
            for admitted in [[scope], [resource]] {
                let response = try call(operation, token: try key(admitted))
                XCTAssertFalse(response.status == 403 || response.status == 401,
                               "\(name) refused a key with \(admitted): \(response.text)")
            }
        }
        XCTAssertEqual(audited, Set(APIKeyScope.resources), "every scoped resource has operations in the spec")

        // The operations open to every credential answer a key of any single scope.
        let narrow = try key(["webhooks:read"])
        XCTAssertEqual(try client.get("/v1/me", token: narrow).status, 200)
    }

    func testAnUnscopedRouteDoesNotExist() throws {
        // The spec's own audit: every authenticated /v1 operation either names its scope or is
        // one of the few documented as open to every credential.
        let unscoped = try OpenAPIOperation.described()
            .filter { !$0.isPublic && $0.path.hasPrefix("/v1/") && $0.requiredScope == nil }
            .map { "\($0.method.rawValue) \($0.path)" }
        XCTAssertEqual(Set(unscoped), Self.openToEveryCredential)
    }

    /// Identity and logging out: what any credential may do with itself.
    private static let openToEveryCredential: Set<String> = ["GET /v1/me", "DELETE /v1/sessions/current"]

    /// The operation with placeholder ids and an empty JSON body: the scope check comes before
    /// any lookup or parsing, so placeholders are enough to see it.
    private func call(_ operation: OpenAPIOperation, token: String) throws -> HTTPClient.Response {
        let path = operation.path.replacingOccurrences(
            of: #"\{[a-z_]+\}"#, with: "zz_00000000000000000000", options: .regularExpression)
        switch operation.method {
        case .post, .put, .patch:
            return try client.send(operation.method.rawValue, path, token: token,
                                   headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        default:
            return try client.send(operation.method.rawValue, path, token: token)
        }
    }

    /// A premium account (600 requests a minute), so the audit's requests never meet the rate limit.
    private func signUpPremium() throws -> String {
        let signUp = try client.post("/v1/accounts", json: ["email": "audit@example.com", "password": "correct horse battery"])
        XCTAssertEqual(signUp.status, 201, signUp.text)
        let body = try signUp.json()
        let account = try XCTUnwrap((body["account"] as? [String: Any])?["id"] as? String)
        let database = try Database(
            url: directory.appendingPathComponent("data/stylify.sqlite"),
            configuration: .init(readerCount: 1, schemaDirectory: AccountsServer.schema))
        _ = try QuotaService(database: database).administration.setPlan("premium", forAccount: account)
        return try XCTUnwrap(body["session_token"] as? String)
    }
}
