import Foundation
import Quotas
import TestSupport
import XCTest

/// Runs the real `stylify admin` binary (built beside the test bundle) against the database this
/// process has open, as an operator would against a running server, and watches a service in this
/// process (system clock, 1 s cache) pick the change up.
final class AdminQuotaCommandTests: QuotasTestCase {
    typealias Outcome = StylifyProcess.Outcome

    override func setUpWithError() throws {
        try super.setUpWithError()
        // Real time here: the CLI is another process, so the change must arrive through the TTL.
        quotas = try QuotaService(database: database)
    }

    func run(_ arguments: [String]) throws -> Outcome {
        try StylifyProcess.run(["admin"] + arguments + ["--data-dir", directory.path, "--schema-dir", Self.schema.path],
                               environment: testDatabase.environment)
    }

    func json(_ outcome: Outcome, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        XCTAssertEqual(outcome.status, 0, outcome.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    }

    func testPlansListAndShowPrintEveryLimitAsTableAndJSON() throws {
        let table = try run(["plans", "list"])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + LimitName.allCases.count)
        XCTAssertEqual(lines[0].split(separator: " ", omittingEmptySubsequences: true), ["LIMIT", "free", "premium"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("upload_bytes") && $0.contains("25 MiB") && $0.contains("1 GiB") }, table.stdout)

        let plans = try XCTUnwrap(try json(run(["plans", "list", "--json"])) as? [[String: Any]])
        XCTAssertEqual(plans.map { $0["name"] as? String }, ["free", "premium"])
        XCTAssertEqual((plans[1]["limits"] as? [String: Int])?["monthly_frames"], 50_000)

        let shown = try XCTUnwrap(try json(run(["plans", "show", "premium", "--json"])) as? [String: Any])
        XCTAssertEqual((shown["limits"] as? [String: Int])?["concurrent_jobs"], 4)
        let text = try run(["plans", "show", "free"])
        XCTAssertTrue(text.stdout.contains("retention_seconds") && text.stdout.contains("1 d"), text.stdout)
    }

    func testPlansSetFromTheCommandLineIsSeenByThisProcessWithinOneSecond() throws {
        let account = try makeAccount()
        XCTAssertThrowsError(try quotas.checkVideo(account: account, frames: 200, width: 512, height: 512))
        let set = try run(["plans", "set", "free", "video_frames", "240"])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertTrue(set.stdout.contains("video_frames = 240"), set.stdout)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertNoThrow(try quotas.checkVideo(account: account, frames: 200, width: 512, height: 512))
    }

    func testSetPlanUpgradeFromTheCommandLineLiftsTheLimitWithinOneSecond() throws {
        let account = try makeAccount()
        XCTAssertThrowsError(try quotas.checkImage(account: account, width: 3000, height: 2000))
        let moved = try run(["accounts", "set-plan", account, "premium"])
        XCTAssertEqual(moved.status, 0, moved.stderr)
        XCTAssertTrue(moved.stdout.contains("from plan free to premium"), moved.stdout)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertNoThrow(try quotas.checkImage(account: account, width: 3000, height: 2000))
        XCTAssertEqual(try accounts.directory.account(.init(rawValue: account)!).plan, "premium")
    }

    func testPlansSetModelsRestrictsAPlansModelsAndAllLiftsIt() throws {
        let account = try makeAccount()
        XCTAssertNoThrow(try quotas.checkModel(account: account, model: "adain"))
        let set = try run(["plans", "set", "free", "--models", "microast"])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertTrue(set.stdout.contains("free: models = microast"), set.stdout)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertThrowsError(try quotas.checkModel(account: account, model: "adain")) { error in
            XCTAssertEqual(error as? QuotaError, .modelNotInPlan(model: "adain", plan: "free", allowed: ["microast"], upgradeTo: "premium"))
        }
        XCTAssertNoThrow(try quotas.checkModel(account: account, model: "microast"))
        let shown = try XCTUnwrap(try json(run(["plans", "show", "free", "--json"])) as? [String: Any])
        XCTAssertEqual(shown["models"] as? [String], ["microast"])
        XCTAssertTrue(try run(["plans", "show", "free"]).stdout.contains("microast"))

        // A limit and the models in one call; a copied plan keeps the copy's models.
        let both = try json(run(["plans", "set", "premium", "monthly_frames", "60k", "--models", "adain, microast", "--json"])) as? [String: Any]
        XCTAssertEqual(both?["models"] as? [String], ["adain", "microast"])
        XCTAssertEqual((both?["limits"] as? [String: Int])?["monthly_frames"], 60_000)
        XCTAssertEqual(try run(["plans", "create", "studio", "--from", "free"]).status, 0)
        XCTAssertEqual(try quotas.administration.plan(named: "studio").models, ["microast"])

        XCTAssertEqual(try run(["plans", "set", "free", "--models", "all"]).status, 0)
        XCTAssertNil(try quotas.administration.plan(named: "free").models)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertNoThrow(try quotas.checkModel(account: account, model: "adain"))
    }

    func testCreatedCustomPlanCanBeEditedAndAssigned() throws {
        let account = try makeAccount()
        let created = try run(["plans", "create", "studio", "--from", "free"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(try run(["plans", "set", "studio", "upload_bytes", "100MiB"]).status, 0)
        XCTAssertEqual(try run(["accounts", "set-plan", account, "studio"]).status, 0)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertEqual(try quotas.uploadLimit(account: account), 100 << 20)
        XCTAssertEqual(try quotas.limits(for: account).plan, "studio")
    }

    func testLimitsSetOverridesThePlanAndUnsetRestoresIt() throws {
        let account = try makeAccount()
        XCTAssertEqual(try quotas.limits(for: account)[.monthlyFrames], 500)
        let set = try run(["limits", "set", account, "monthly_frames", "2k"])
        XCTAssertEqual(set.status, 0, set.stderr)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertEqual(try quotas.limits(for: account)[.monthlyFrames], 2000)
        XCTAssertEqual(try quotas.limits(for: account).source(of: .monthlyFrames), .override)

        let shown = try XCTUnwrap(try json(run(["limits", "show", account, "--json"])) as? [String: Any])
        let monthly = (shown["limits"] as? [String: Any])?["monthly_frames"] as? [String: Any]
        XCTAssertEqual(monthly?["value"] as? Int, 2000)
        XCTAssertEqual(monthly?["source"] as? String, "override")

        XCTAssertEqual(try run(["limits", "unset", account, "monthly_frames"]).status, 0)
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertEqual(try quotas.limits(for: account)[.monthlyFrames], 500)
    }

    func testUsageReportsFramesPerAccountAndResetClearsTheMonth() throws {
        let busy = try makeAccount()
        let idle = try makeAccount()
        try use(42, by: busy)
        _ = try quotas.reserveFrames(account: busy, count: 8, lease: 600)

        let all = try XCTUnwrap(try json(run(["usage", "--json"])) as? [[String: Any]])
        XCTAssertEqual(all.map { $0["account"] as? String }, [busy, idle])
        XCTAssertEqual(all[0]["frames"] as? Int, 42)
        XCTAssertEqual(all[0]["reserved_frames"] as? Int, 8)
        XCTAssertEqual(all[0]["remaining_frames"] as? Int, 450)
        XCTAssertEqual(all[1]["frames"] as? Int, 0)

        let period = UsagePeriod(containing: Date()).description
        let one = try run(["usage", "--account", busy, "--period", period])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains(busy) && one.stdout.contains(" 42 "), one.stdout)
        let past = try XCTUnwrap(try json(run(["usage", "--account", busy, "--period", "2020-01", "--json"])) as? [[String: Any]])
        XCTAssertEqual(past.first?["frames"] as? Int, 0)

        let reset = try run(["usage", "reset", busy])
        XCTAssertEqual(reset.status, 0, reset.stderr)
        XCTAssertTrue(reset.stdout.contains("42 frames cleared"), reset.stdout)
        let after = try quotas.usage(account: busy)
        XCTAssertEqual(after.frames, 0)
        XCTAssertEqual(after.reservedFrames, 8, "running work keeps its frames")
    }

    func testBadInputExitsWithUsageOrDataErrorAndChangesNothing() throws {
        let account = try makeAccount()
        let plansBefore = try quotas.administration.plans()
        let cases: [([String], Int32, String)] = [
            (["accounts", "set-plan", account, "gold"], 65, "no such plan"),
            (["accounts", "set-plan", "acct_nobody", "premium"], 65, "no such account"),
            (["plans", "set", "gold", "monthly_frames", "10"], 65, "no such plan"),
            (["plans", "set", "free", "frames", "10"], 64, "unknown limit"),
            (["plans", "set", "free", "monthly_frames", "lots"], 64, "not a whole number"),
            (["plans", "set", "free", "monthly_frames", "-5"], 64, ""),
            (["plans", "set", "free", "upload_bytes", "1.5GB"], 64, "whole number"),
            (["plans", "show", "gold"], 65, "no such plan"),
            (["plans", "create", "free", "--from", "premium"], 65, "already exists"),
            (["plans", "create", "Gold Plan"], 65, "invalid plan name"),
            (["plans", "create", "gold", "--from", "platinum"], 65, "no such plan"),
            (["limits", "set", "acct_nobody", "monthly_frames", "10"], 65, "no such account"),
            (["limits", "set", account, "monthly_frames", "ten"], 64, "not a whole number"),
            (["limits", "set", account, "galaxies", "10"], 64, "unknown limit"),
            (["limits", "unset", account, "galaxies"], 64, "unknown limit"),
            (["limits", "set", account, "monthly_frames"], 64, ""),
            (["usage", "--period", "2026-13"], 64, "invalid period"),
            (["usage", "--account", "acct_nobody"], 65, "no such account"),
            (["usage", "reset", "acct_nobody"], 65, "no such account"),
            (["plans", "frobnicate"], 64, ""),
            (["plans", "set", "free", "--models", "vgg"], 64, "invalid models"),
            (["plans", "set", "free", "--models", ""], 64, "invalid models"),
            (["plans", "set", "free", "--models", "adain,adain"], 64, "invalid models"),
            (["plans", "set", "free", "--models", "adain,"], 64, "invalid models"),
            (["plans", "set", "gold", "--models", "adain"], 65, "no such plan"),
            (["plans", "set", "free"], 64, ""),
            (["plans", "set", "free", "monthly_frames"], 64, ""),
        ]
        for (arguments, status, message) in cases {
            let outcome = try run(arguments)
            XCTAssertEqual(outcome.status, status, "\(arguments): \(outcome.stderr)")
            XCTAssertTrue(message.isEmpty || outcome.stderr.lowercased().contains(message), "\(arguments): \(outcome.stderr)")
        }
        XCTAssertEqual(try quotas.administration.plans(), plansBefore)
        let limits = try quotas.administration.limits(for: account)
        XCTAssertEqual(limits.plan, "free")
        XCTAssertEqual(limits.overridden, [])
    }
}
