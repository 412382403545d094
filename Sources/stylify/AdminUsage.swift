import ArgumentParser
import Foundation
import Quotas

/// `stylify admin usage [--account A] [--period YYYY-MM]` and `stylify admin usage reset ACCOUNT`.
struct AdminUsage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Frames used per account and UTC month; reset an account's month.",
        subcommands: [Report.self, Reset.self],
        defaultSubcommand: Report.self
    )

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Frames used, held by running work, allowed and remaining (default: every account, this month).")
        @OptionGroup var options: AdminOptions
        @Option(help: "Only this account (acct_…).") var account: String?
        @Option(help: "UTC month as YYYY-MM (default: the current one).") var period: String?

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let period = try AdminUsage.period(period)
                let rows = try options.openQuotas().administration.usageReport(account: account, period: period)
                if options.json { return try AdminOutput.json(rows) }
                AdminOutput.table(["ACCOUNT", "PERIOD", "FRAMES", "RESERVED", "ALLOWED", "REMAINING"], rows.map { usage in
                    [usage.account, usage.period.description, String(usage.frames), String(usage.reservedFrames),
                     String(usage.allowedFrames), String(usage.remainingFrames)]
                })
            }
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget the frames an account used in a month (frames held by running work stay held).")
        @OptionGroup var options: AdminOptions
        @Argument(help: "Account id (acct_…).") var account: String
        @Option(help: "UTC month as YYYY-MM (default: the current one).") var period: String?

        func run() throws {
            try CommandFailure.reporting(command: "admin") {
                let period = try AdminUsage.period(period)
                let before = try options.openQuotas().administration.resetUsage(account: account, period: period)
                if options.json { return try AdminOutput.json(ResetOutcome(account: account, period: period, framesCleared: before)) }
                print("\(account): usage for \(period) reset (\(before) frames cleared)")
            }
        }
    }

    /// `usage reset --json`: `{"account": "acct_…", "period": "2026-11", "frames_cleared": 42}`.
    struct ResetOutcome: Encodable {
        let account: String
        let period: UsagePeriod
        let framesCleared: Int64
    }

    static func period(_ text: String?) throws -> UsagePeriod {
        try text.map { try UsagePeriod($0) } ?? UsagePeriod(containing: Date())
    }
}
