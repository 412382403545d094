import ArgumentParser

/// `stylify admin …`: operator commands against the same database a running server uses.
/// Changes (suspension, key revocation, plans and limits) reach running servers within a second.
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Operator commands: accounts, API keys, plans, limits and usage.",
        subcommands: [AdminAccounts.self, AdminKeys.self, AdminPlans.self, AdminLimits.self, AdminUsage.self, AdminStats.self]
    )
}
