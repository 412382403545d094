import Accounts
import ArgumentParser
import Quotas
import Storage

/// `stylify admin accounts list|show|suspend|resume`.
struct AdminAccounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List, inspect, suspend and resume accounts; move an account to another plan.",
        subcommands: [List.self, Show.self, Suspend.self, Resume.self, SetPlan.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List all accounts, oldest first.")
        @OptionGroup var options: AdminOptions

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let administration = try options.openServices().administration
                var summaries: [AccountSummary] = []
                var page = try administration.listAccounts()
                summaries += page.items
                while page.hasMore, let last = page.items.last {
                    page = try administration.listAccounts(startingAfter: last.account.id)
                    summaries += page.items
                }
                if options.json { return try AdminOutput.json(summaries) }
                AdminOutput.table(
                    ["ID", "STATUS", "PLAN", "OWNER", "KEYS", "CREATED"],
                    summaries.map { summary in
                        [summary.account.id.rawValue, summary.account.status.rawValue, summary.account.plan,
                         summary.ownerEmail ?? "-", String(summary.activeAPIKeys), AdminOutput.date(summary.account.createdAt)]
                    }
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one account with its users and API keys.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var id: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let details = try options.openServices().administration.details(of: try AccountID.parse(id))
                if options.json { return try AdminOutput.json(details) }
                let account = details.account
                AdminOutput.table(["FIELD", "VALUE"], [
                    ["id", account.id.rawValue], ["name", account.name ?? "-"], ["plan", account.plan],
                    ["status", account.status.rawValue], ["created", AdminOutput.date(account.createdAt)],
                    ["updated", AdminOutput.date(account.updatedAt)],
                ])
                print("\nUsers")
                AdminOutput.table(["ID", "EMAIL", "ROLE", "CREATED"], details.users.map {
                    [$0.id.rawValue, $0.email, $0.role.rawValue, AdminOutput.date($0.createdAt)]
                })
                print("\nAPI keys")
                AdminKeys.printTable(details.apiKeys)
            }
        }
    }

    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend an account: its sessions and keys are refused within a second.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var id: String

        func run() throws {
            try AdminAccounts.setStatus(.suspended, id: id, options: options)
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a suspended account.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var id: String

        func run() throws {
            try AdminAccounts.setStatus(.active, id: id, options: options)
        }
    }

    struct SetPlan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-plan",
            abstract: "Move an account to another plan; running servers apply its limits within a second."
        )
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var id: String
        @Argument(help: "Plan name (see `admin plans list`).") var plan: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let previous = try options.openQuotas().administration.setPlan(plan, forAccount: id)
                if options.json { return try AdminOutput.json(["account": id, "plan": plan, "previous_plan": previous]) }
                print("\(id) moved from plan \(previous) to \(plan)")
            }
        }
    }

    static func setStatus(_ status: AccountStatus, id: String, options: AdminOptions) throws {
        try CommandFailure.reporting(command: "admin") {
            let account = try options.openServices().administration.setStatus(status, of: try AccountID.parse(id))
            if options.json { return try AdminOutput.json(account) }
            print("\(account.id) is now \(account.status.rawValue)")
        }
    }
}

extension PrefixedIdentifier {
    /// Parses a command-line id; a malformed one is reported like an unknown one (exit 65).
    static func parse(_ text: String) throws -> Self {
        guard let id = Self(rawValue: text) else {
            let noun = switch Self.prefix {
            case AccountID.prefix: "account"
            case APIKeyID.prefix: "API key"
            default: "object"
            }
            throw CommandFailure(message: "no such \(noun) \(text)", code: .dataError)
        }
        return id
    }
}
