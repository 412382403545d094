/// All plans at one moment, for choosing the plan to suggest when a request is refused.
struct PlanCatalog: Sendable {
    let plans: [Plan]

    func plan(named name: String) -> Plan? {
        plans.first { $0.name == name }
    }

    /// The smallest plan that allows every requirement: among the plans whose value of each
    /// `(limit, needed)` is at least `needed`, the one with the smallest value of the first
    /// (refused) limit, ties broken by name. The account's own plan is never suggested (an
    /// override, not the plan, refused it).
    func smallestPlan(allowing requirements: [(LimitName, Int64)], excluding current: String) -> String? {
        guard let primary = requirements.first?.0 else { return nil }
        return plans
            .filter { plan in plan.name != current && requirements.allSatisfy { plan[$0.0] >= $0.1 } }
            .min { ($0[primary], $0.name) < ($1[primary], $1.name) }?
            .name
    }
}
