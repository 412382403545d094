import ArgumentParser
import Quotas

/// `stylify admin limits show|set|unset`: one account's limits, overriding its plan's.
struct AdminLimits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Show an account's effective limits; override or restore one limit for one account.",
        discussion: "Limits: \(LimitName.allCases.map(\.rawValue).joined(separator: ", ")).",
        subcommands: [Show.self, Set.self, Unset.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every limit of an account as enforced, and where it comes from.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var account: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let limits = try options.openQuotas().administration.limits(for: account)
                if options.json { return try AdminOutput.json(limits) }
                AdminLimits.printLimits(limits)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Override one limit for one account; running servers apply it within a second.",
            discussion: "VALUE is a whole number; bytes accept KB/MB/GB or KiB/MiB/GiB, seconds s/m/h/d, counts k/M."
        )
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var account: String
        @Argument(help: "Limit name, e.g. monthly_frames.") var limit: String
        @Argument(help: "Value for this account, e.g. 2000, 5GiB, 7d.") var value: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let name = try LimitName.parse(limit)
                let number = try LimitValue.parse(value, for: name)
                let limits = try options.openQuotas().administration.setOverride(name, to: number, forAccount: account)
                if options.json { return try AdminOutput.json(limits) }
                print("\(account): \(name.rawValue) = \(LimitValue.format(limits[name], for: name)) (override; plan \(limits.plan))")
            }
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account's override of one limit: its plan's value applies again.")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var account: String
        @Argument(help: "Limit name.") var limit: String

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let name = try LimitName.parse(limit)
                let (removed, limits) = try options.openQuotas().administration.removeOverride(name, forAccount: account)
                if options.json { return try AdminOutput.json(limits) }
                let value = LimitValue.format(limits[name], for: name)
                print(removed
                      ? "\(account): \(name.rawValue) = \(value) (plan \(limits.plan))"
                      : "\(account): \(name.rawValue) had no override; it is \(value) (plan \(limits.plan))")
            }
        }
    }

    static func printLimits(_ limits: EffectiveLimits) {
        print("account \(limits.account), plan \(limits.plan)")
        AdminOutput.table(["LIMIT", "VALUE", "RAW", "SOURCE"], LimitName.allCases.map { limit in
            [limit.rawValue, LimitValue.format(limits[limit], for: limit), String(limits[limit]), limits.source(of: limit).rawValue]
        })
    }
}
