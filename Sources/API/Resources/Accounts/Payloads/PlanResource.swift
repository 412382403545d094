/// The caller's plan in `GET /v1/me`.
///
/// The plan's limits, this period's usage and what remains (API.md, "me") come from the Quotas
/// module through `AccountEndpoints.MeQuotaProvider`, rendered beside this as `quota`.
struct PlanResource: Encodable, Hashable {
    let name: String
}
