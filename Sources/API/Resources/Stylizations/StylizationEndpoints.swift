/// The stylization endpoints of API.md, behind the authenticated middleware stack.
///
///     let stylizations = StylizationService(database: db, assets: assets, filters: filters, jobs: jobs)
///     StylizationEndpoints.register(on: &router, authenticated: stack, stylizations: stylizations)
public enum StylizationEndpoints {
    /// Registers `POST/GET /v1/stylizations`, `GET /v1/stylizations/{id}`, `…/{id}/result` and
    /// `POST …/{id}/cancel`.
    public static func register(on router: inout Router, authenticated: AuthenticatedRoutes, stylizations: StylizationService) {
        router.group("/v1", middleware: authenticated.middleware) { v1 in
            StylizationRoutes.register(on: &v1, service: stylizations)
        }
    }
}
