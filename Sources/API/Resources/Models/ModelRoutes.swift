import HTTPServer
import Stylizations

/// `GET /v1/models`: the style-transfer models this server has loaded, which is the default, and
/// whether the caller's plan includes each. Needs `stylizations:read`: it answers what a
/// stylization may ask for.
enum ModelRoutes {
    static let readScope = StylizationRoutes.readScope

    static func register(on router: inout Router, service: StylizationService) {
        router.get("/models", options: StylizationRoutes.blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let choices = try service.modelChoices(account: principal.accountID.rawValue)
            let data = choices.map {
                ModelResource($0.model, isDefault: $0.model == StylizationService.defaultModel, includedInPlan: $0.includedInPlan)
            }
            return .json(ListPage(data: data, hasMore: false))
        }
    }
}
