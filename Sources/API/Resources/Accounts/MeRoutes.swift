import Accounts
import HTTPServer

/// `GET /v1/me`: the caller's account, user (sessions only), plan and, when a provider is
/// given, the quota section.
enum MeRoutes {
    static func register(on router: inout Router, accounts: AccountServices, quota: AccountEndpoints.MeQuotaProvider?) {
        let encoded = MeResponseCache()
        router.get("/me", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal()
            let account = try accounts.directory.account(principal.accountID)
            let user = try principal.userID.map { try accounts.directory.user($0, in: principal.accountID) }
            let response = MeResponse(
                account: AccountResource(account),
                user: user.map(UserResource.init),
                plan: PlanResource(name: account.plan),
                quota: try quota?(principal))
            return encoded.body(for: response, caller: RateLimiting.bucketKey(for: principal))
        }
    }
}
