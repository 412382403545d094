/// The caller's plan in `GET /v1/me`.
///
/// Extension point: the Quotas module adds the plan's limits, this period's usage and what
/// remains here (API.md, "me"), as further optional members filled by `MeRoutes`.
struct PlanResource: Encodable {
    let name: String
}
