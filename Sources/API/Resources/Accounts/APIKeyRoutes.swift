import Accounts
import HTTPServer

/// `GET/POST /v1/api-keys`, `GET/DELETE /v1/api-keys/{id}`: the caller's own API keys.
///
/// Every lookup is scoped to the caller's account, so another tenant's key id (or a malformed one)
/// is a 404 exactly like a missing key. DELETE answers 204: revocation has nothing left to show,
/// and the key is refused from the very next request. API keys need the `api_keys:read` /
/// `api_keys:write` scope (or `api_keys`, or no scopes at all) to manage keys.
enum APIKeyRoutes {
    static let readScope = "api_keys:read"
    static let writeScope = "api_keys:write"

    static func register(on router: inout Router, accounts: AccountServices) {
        router.get("/api-keys", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let page = try PageRequest(request)
            var after: APIKeyID?
            if let cursor = page.startingAfter {
                // A malformed cursor cannot name a key of this account: like an unknown one, an empty page.
                guard let id = APIKeyID(rawValue: cursor) else {
                    return .json(ListPage<APIKeyResource>(data: [], hasMore: false))
                }
                after = id
            }
            let keys = try accounts.apiKeys.list(in: principal.accountID, limit: page.limit, startingAfter: after)
            return .json(ListPage(data: keys.items.map { APIKeyResource($0) }, hasMore: keys.hasMore))
        }

        router.post("/api-keys", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            let body = try JSONObjectBody(request)
            let name = try body.requiredString("name")
            let scopes = try body.optionalStrings("scopes") ?? []
            let created = try accounts.apiKeys.create(
                in: principal.accountID, name: name, scopes: scopes, createdBy: principal.userID,
                creatorScopes: principal.scopes)
            return .json(APIKeyResource(created.key, secret: created.secret), status: .created)
        }

        router.get("/api-keys/{id}", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let key = try accounts.apiKeys.get(try keyID(request), in: principal.accountID)
            return .json(APIKeyResource(key))
        }

        router.delete("/api-keys/{id}", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            try accounts.apiKeys.revoke(try keyID(request), in: principal.accountID)
            return .empty()
        }
    }

    /// The path's key id; a malformed one is answered like an unknown key.
    private static func keyID(_ request: Request) throws -> APIKeyID {
        guard let id = APIKeyID(rawValue: try request.parameters.require("id")) else {
            throw AccountsError.notFound(resource: "api_key")
        }
        return id
    }
}
