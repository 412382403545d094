import Foundation
import Quotas
import Storage
import XCTest

/// Plans, custom plans and per-account overrides, and how fast changes apply.
final class PlanAndOverrideTests: QuotasTestCase {
    func testUpgradingFreeToPremiumLiftsTheLimitImmediately() throws {
        let account = try makeAccount()
        XCTAssertThrowsError(try quotas.checkImage(account: account, width: 4000, height: 3000))
        XCTAssertEqual(try quotas.administration.setPlan("premium", forAccount: account), "free")
        XCTAssertNoThrow(try quotas.checkImage(account: account, width: 4000, height: 3000))
        XCTAssertEqual(try quotas.limits(for: account).plan, "premium")
        XCTAssertEqual(try accounts.directory.account(.init(rawValue: account)!).plan, "premium")
    }

    func testAPlanChangedByAnotherProcessAppliesWithinTheCacheTTL() throws {
        let account = try makeAccount()
        XCTAssertEqual(try quotas.limits(for: account)[.monthlyFrames], 500)
        // Another process (its own Database and service) changes the plan.
        let operatorSide = try QuotaService(database: try openDatabase(), clock: clock)
        try operatorSide.administration.setLimit(.monthlyFrames, to: 800, inPlan: "free")
        XCTAssertEqual(try quotas.limits(for: account)[.monthlyFrames], 500, "served from the cache")
        clock.advance(1.01)
        XCTAssertEqual(try quotas.limits(for: account)[.monthlyFrames], 800)
    }

    func testCustomPlanCopiesItsSourceAndCanBeEditedAndAssigned() throws {
        let account = try makeAccount()
        let studio = try quotas.administration.createPlan("studio", from: "free")
        XCTAssertEqual(studio.limits, try quotas.administration.plan(named: "free").limits)
        try quotas.administration.setLimit(.videoFrames, to: 1000, inPlan: "studio")
        try quotas.administration.setPlan("studio", forAccount: account)
        XCTAssertNoThrow(try quotas.checkVideo(account: account, frames: 1000, width: 512, height: 512))
        XCTAssertThrowsQuotaError(
            try quotas.checkVideo(account: account, frames: 1001, width: 512, height: 512),
            .planLimit(limit: .videoFrames, allowed: 1000, requested: 1001, plan: "studio", upgradeTo: "premium"))
        XCTAssertEqual(try quotas.plans().map(\.name), ["free", "premium", "studio"])
        XCTAssertEqual(try quotas.administration.plan(named: "free")[.videoFrames], 120, "the source plan is untouched")
    }

    func testAnOverrideBeatsThePlanAndUnsettingItRestoresThePlanValue() throws {
        let account = try makeAccount()
        let other = try makeAccount()
        let limits = try quotas.administration.setOverride(.imageLongSide, to: 2048, forAccount: account)
        XCTAssertEqual(limits[.imageLongSide], 2048)
        XCTAssertEqual(limits.source(of: .imageLongSide), .override)
        XCTAssertEqual(limits.source(of: .imagePixels), .plan)
        XCTAssertNoThrow(try quotas.checkImage(account: account, width: 2048, height: 500))
        XCTAssertThrowsError(try quotas.checkImage(account: other, width: 2048, height: 500))
        // The override survives a plan change: it belongs to the account, not the plan.
        try quotas.administration.setPlan("premium", forAccount: account)
        XCTAssertEqual(try quotas.limits(for: account)[.imageLongSide], 2048)
        let restored = try quotas.administration.removeOverride(.imageLongSide, forAccount: account)
        XCTAssertTrue(restored.removed)
        XCTAssertEqual(restored.limits[.imageLongSide], 4096)
        XCTAssertFalse(try quotas.administration.removeOverride(.imageLongSide, forAccount: account).removed)
        // A lowered override refuses, and never suggests the account's own plan.
        try quotas.administration.setOverride(.imageLongSide, to: 100, forAccount: account)
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 200, height: 100),
            .planLimit(limit: .imageLongSide, allowed: 100, requested: 200, plan: "premium", upgradeTo: "free"))
    }

    func testBadOperatorInputIsRefusedAndChangesNothing() throws {
        let account = try makeAccount()
        let before = try quotas.administration.plans()
        let admin = quotas.administration
        XCTAssertThrowsQuotaError(try admin.setPlan("gold", forAccount: account), .unknownPlan("gold"))
        XCTAssertThrowsQuotaError(try admin.setPlan("premium", forAccount: "acct_nobody"), .unknownAccount("acct_nobody"))
        XCTAssertThrowsQuotaError(try admin.setLimit(.monthlyFrames, to: -1, inPlan: "free"),
                                  .invalidLimitValue(limit: .monthlyFrames, value: "-1", reason: "must not be negative"))
        XCTAssertThrowsQuotaError(try admin.setLimit(.monthlyFrames, to: 5, inPlan: "gold"), .unknownPlan("gold"))
        XCTAssertThrowsQuotaError(try admin.setOverride(.monthlyFrames, to: 5, forAccount: "acct_nobody"), .unknownAccount("acct_nobody"))
        XCTAssertThrowsQuotaError(try admin.createPlan("free", from: "premium"), .planExists("free"))
        XCTAssertThrowsQuotaError(try admin.createPlan("gold", from: "platinum"), .unknownPlan("platinum"))
        for name in ["", "Gold", "1gold", "gold plan", String(repeating: "g", count: 33), "gøld"] {
            XCTAssertThrowsQuotaError(try admin.createPlan(name, from: "free"), .invalidPlanName(name))
        }
        XCTAssertThrowsQuotaError(try admin.resetUsage(account: "acct_nobody", period: UsagePeriod("2026-11")), .unknownAccount("acct_nobody"))
        XCTAssertEqual(try admin.plans(), before)
        XCTAssertEqual(try admin.limits(for: account).overridden, [])
        XCTAssertEqual(try admin.limits(for: account).plan, "free")
        // The schema refuses an unknown plan even from code that bypasses the service.
        XCTAssertThrowsError(try database.write { try $0.run("UPDATE accounts SET plan = 'gold' WHERE id = ?", account) }) { error in
            guard case StorageError.constraintViolation = error else { return XCTFail("\(error)") }
        }
    }

    func testLimitNamesAndValuesParseAsOperatorsTypeThem() throws {
        XCTAssertEqual(try LimitName.parse("monthly-frames"), .monthlyFrames)
        XCTAssertEqual(try LimitName.parse("IMAGE_PIXELS"), .imagePixels)
        XCTAssertThrowsQuotaError(try LimitName.parse("frames"), .unknownLimit("frames"))
        XCTAssertEqual(try LimitValue.parse("25MiB", for: .uploadBytes), 26_214_400)
        XCTAssertEqual(try LimitValue.parse("1 GB", for: .uploadBytes), 1_000_000_000)
        XCTAssertEqual(try LimitValue.parse("30d", for: .retentionSeconds), 2_592_000)
        XCTAssertEqual(try LimitValue.parse("16M", for: .imagePixels), 16_000_000)
        XCTAssertEqual(try LimitValue.parse("0", for: .customFilters), 0)
        for bad in ["", "-5", "abc", "1.5", "10 parsecs", "99999999999999999999", "9007199254740992"] {
            XCTAssertThrowsError(try LimitValue.parse(bad, for: .uploadBytes), bad) { error in
                guard case QuotaError.invalidLimitValue(.uploadBytes, bad, _) = error else { return XCTFail("\(bad): \(error)") }
            }
        }
        XCTAssertThrowsError(try LimitValue.parse("5MiB", for: .monthlyFrames), "byte suffixes are for bytes")
        XCTAssertEqual(LimitValue.format(26_214_400, for: .uploadBytes), "25 MiB")
        XCTAssertEqual(LimitValue.format(86_400, for: .retentionSeconds), "1 d")
    }

    func testSummaryShowsPlanEveryLimitUsageAndRemainingInSnakeCase() throws {
        clock.set(utc("2026-11-15T12:00:00Z"))
        let account = try makeAccount()
        try quotas.administration.setOverride(.monthlyFrames, to: 1000, forAccount: account)
        try use(12, by: account)
        _ = try quotas.reserveFrames(account: account, count: 3, lease: 60)
        let summary = try quotas.summary(account: account, resources: ResourceUsage(customFilters: 2, storedBytes: 1000))
        XCTAssertEqual(summary.remainingFrames, 985)

        // The API embeds it with its own encoder: keys must come out snake_case either way.
        for strategy in [JSONEncoder.KeyEncodingStrategy.useDefaultKeys, .convertToSnakeCase] {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = strategy
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: encoder.encode(summary)) as? [String: Any])
            XCTAssertEqual(json["plan"] as? String, "free")
            let period = try XCTUnwrap(json["period"] as? [String: String])
            XCTAssertEqual(period, ["id": "2026-11", "start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"])
            let limits = try XCTUnwrap(json["limits"] as? [String: Int])
            XCTAssertEqual(Set(limits.keys), Set(LimitName.allCases.map(\.rawValue)))
            XCTAssertEqual(limits["monthly_frames"], 1000)
            XCTAssertEqual(limits["image_long_side"], 1024)
            XCTAssertEqual(json["overridden_limits"] as? [String], ["monthly_frames"])
            XCTAssertEqual(json["usage"] as? [String: Int], ["frames": 12, "reserved_frames": 3, "custom_filters": 2, "stored_bytes": 1000])
            XCTAssertEqual(json["remaining"] as? [String: Int], ["frames": 985, "custom_filters": 3, "stored_bytes": (1 << 30) - 1000])
        }
    }
}
