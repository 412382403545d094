import Accounts

/// The stylization endpoints of API.md, behind bearer authentication.
///
///     let stylizations = StylizationService(database: db, assets: assets, filters: filters, jobs: jobs)
///     StylizationEndpoints.register(on: &router, accounts: accounts, stylizations: stylizations)
public enum StylizationEndpoints {
    /// Registers `POST/GET /v1/stylizations`, `GET /v1/stylizations/{id}`, `…/{id}/result` and
    /// `POST …/{id}/cancel`.
    public static func register(on router: inout Router, accounts: AccountServices, stylizations: StylizationService) {
        let authentication = BearerAuthentication(authenticator: accounts.authenticator)
        router.group("/v1", middleware: [authentication]) { authenticated in
            StylizationRoutes.register(on: &authenticated, service: stylizations)
        }
    }
}
