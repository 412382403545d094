import Accounts
import ArgumentParser

/// `stylify admin keys list|revoke`.
struct AdminKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List and revoke API keys.",
        subcommands: [List.self, Revoke.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (active ones unless --include-revoked).")
        @OptionGroup var options: AdminOptions
        @Option(help: "Only this account's keys.") var account: String?
        @Flag(help: "Also list revoked keys.") var includeRevoked = false

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let accountID = try account.map { try AccountID.parse($0) }
                let keys = try options.openServices().administration.listAPIKeys(of: accountID, includeRevoked: includeRevoked)
                if options.json { return try AdminOutput.json(keys) }
                AdminKeys.printTable(keys)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key: running servers refuse it within a second.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "API key id (key_…), not the secret.") var id: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let key = try options.openServices().administration.revokeAPIKey(try APIKeyID.parse(id))
                if options.json { return try AdminOutput.json(key) }
                print("\(key.id) (\(key.displayPrefix)…, account \(key.accountID)) revoked")
            }
        }
    }

    static func printTable(_ keys: [APIKey]) {
        AdminOutput.table(
            ["ID", "ACCOUNT", "NAME", "PREFIX", "SCOPES", "CREATED", "LAST USED", "REVOKED"],
            keys.map { key in
                [key.id.rawValue, key.accountID.rawValue, key.name, key.displayPrefix + "…",
                 key.scopes.isEmpty ? "*" : key.scopes.joined(separator: ","),
                 AdminOutput.date(key.createdAt), AdminOutput.date(key.lastUsedAt), AdminOutput.date(key.revokedAt)]
            }
        )
    }
}
