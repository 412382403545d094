import ArgumentParser

/// `stylify admin …`: operator commands against the same database a running server uses.
/// Changes (suspension, key revocation) reach running servers within a second.
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Operator commands: accounts and API keys.",
        subcommands: [AdminAccounts.self, AdminKeys.self]
    )
}
