import Common
import Foundation
import Quotas
import XCTest

/// Every size limit refused with its precise values, on what a header or probe reports.
final class AdmissionTests: QuotasTestCase {
    func testDefaultPlansHoldTheContractValues() throws {
        let free = try quotas.administration.plan(named: "free")
        let premium = try quotas.administration.plan(named: "premium")
        let expected: [LimitName: (Int64, Int64)] = [
            .imageLongSide: (1024, 4096), .imagePixels: (1_048_576, 16_777_216),
            .videoFrames: (120, 3600), .videoLongSide: (512, 1280),
            .uploadBytes: (26_214_400, 1_073_741_824), .monthlyFrames: (500, 50_000),
            .customFilters: (5, 200), .storedBytes: (1 << 30, 100 << 30),
            .requestsPerMinute: (60, 600), .concurrentJobs: (1, 4), .retentionSeconds: (86_400, 30 * 86_400),
        ]
        XCTAssertEqual(Set(expected.keys), Set(LimitName.allCases))
        for (limit, (freeValue, premiumValue)) in expected {
            XCTAssertEqual(free[limit], freeValue, limit.rawValue)
            XCTAssertEqual(premium[limit], premiumValue, limit.rawValue)
        }
        XCTAssertEqual(try quotas.plans().map(\.name), ["free", "premium"])
    }

    func testImageOverTheLongSideIsRefusedNamingLimitValueRequestAndUpgrade() throws {
        let account = try makeAccount()
        XCTAssertNoThrow(try quotas.checkImage(account: account, width: 1024, height: 768))
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 800, height: 2048),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: 2048, plan: "free", upgradeTo: "premium"))
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 5000, height: 10),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: 5000, plan: "free", upgradeTo: nil))
    }

    func testImageWithinTheLongSideButOverThePixelCountIsRefused() throws {
        let account = try makeAccount()
        XCTAssertNoThrow(try quotas.checkImage(account: account, width: 1024, height: 1024))
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 1024, height: 1023 + 2),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: 1025, plan: "free", upgradeTo: "premium"))
        try quotas.administration.setOverride(.imageLongSide, to: 2000, forAccount: account)
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 1100, height: 1000),
            .planLimit(limit: .imagePixels, allowed: 1_048_576, requested: 1_100_000, plan: "free", upgradeTo: "premium"))
    }

    func testVideoOverFramesOrLongSideIsRefused() throws {
        let account = try makeAccount()
        XCTAssertNoThrow(try quotas.checkVideo(account: account, frames: 120, width: 512, height: 288))
        XCTAssertThrowsQuotaError(
            try quotas.checkVideo(account: account, frames: 121, width: 512, height: 288),
            .planLimit(limit: .videoFrames, allowed: 120, requested: 121, plan: "free", upgradeTo: "premium"))
        XCTAssertThrowsQuotaError(
            try quotas.checkVideo(account: account, frames: 100, width: 640, height: 360),
            .planLimit(limit: .videoLongSide, allowed: 512, requested: 640, plan: "free", upgradeTo: "premium"))
        // No plan takes 4K video: the refusal says so instead of suggesting one that would refuse too.
        XCTAssertThrowsQuotaError(
            try quotas.checkVideo(account: account, frames: 100, width: 3840, height: 2160),
            .planLimit(limit: .videoLongSide, allowed: 512, requested: 3840, plan: "free", upgradeTo: nil))
    }

    func testUpgradeSuggestionAllowsTheWholeRequestNotJustTheRefusedLimit() throws {
        let account = try makeAccount()
        // "wide" allows long frames but not more of them than free: it cannot take this video.
        try quotas.administration.createPlan("wide", from: "free")
        try quotas.administration.setLimit(.videoLongSide, to: 2000, inPlan: "wide")
        XCTAssertThrowsQuotaError(
            try quotas.checkVideo(account: account, frames: 200, width: 1000, height: 500),
            .planLimit(limit: .videoFrames, allowed: 120, requested: 200, plan: "free", upgradeTo: "premium"))
        XCTAssertThrowsQuotaError(
            try quotas.checkVideo(account: account, frames: 100, width: 1000, height: 500),
            .planLimit(limit: .videoLongSide, allowed: 512, requested: 1000, plan: "free", upgradeTo: "premium"))
        // Equal values tie-break by name: "basic" < "premium".
        try quotas.administration.createPlan("basic", from: "premium")
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 3000, height: 10),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: 3000, plan: "free", upgradeTo: "basic"))
        // The smallest sufficient value wins over the name.
        try quotas.administration.setLimit(.imageLongSide, to: 3000, inPlan: "wide")
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 3000, height: 10),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: 3000, plan: "free", upgradeTo: "wide"))
    }

    func testUploadOverTheByteLimitIs413FromTheDeclaredLength() throws {
        let account = try makeAccount()
        XCTAssertEqual(try quotas.uploadLimit(account: account), 26_214_400)
        XCTAssertNoThrow(try quotas.checkUpload(account: account, bytes: 26_214_400))
        let expected = QuotaError.planLimit(limit: .uploadBytes, allowed: 26_214_400, requested: 26_214_401, plan: "free", upgradeTo: "premium")
        XCTAssertThrowsQuotaError(try quotas.checkUpload(account: account, bytes: 26_214_401), expected)
        XCTAssertThrowsQuotaError(try quotas.uploadMeter(account: account, declaredLength: 26_214_401), expected)
        XCTAssertEqual(expected.category, .tooLarge)
        XCTAssertEqual(expected.code, "plan_limit")
    }

    func testUploadMeterCutsOffTheMomentTheStreamPassesTheLimit() throws {
        let account = try makeAccount()
        try quotas.administration.setOverride(.uploadBytes, to: 10_000, forAccount: account)
        var meter = try quotas.uploadMeter(account: account)
        XCTAssertEqual(meter.limit, 10_000)
        for _ in 0..<9 { try meter.add(1000) }
        try meter.add(1000)
        XCTAssertEqual(meter.bytes, 10_000)
        XCTAssertThrowsQuotaError(
            try meter.add(1),
            .planLimit(limit: .uploadBytes, allowed: 10_000, requested: 10_001, plan: "free", upgradeTo: "premium"))
    }

    func testCustomFiltersAndStoredBytesAreAllowancesRefusedWith402() throws {
        let account = try makeAccount()
        XCTAssertNoThrow(try quotas.checkCustomFilterCount(account: account, current: 4))
        let filters = QuotaError.quotaExceeded(limit: .customFilters, used: 5, allowed: 5, requested: 1, plan: "free", upgradeTo: "premium")
        XCTAssertThrowsQuotaError(try quotas.checkCustomFilterCount(account: account, current: 5), filters)
        XCTAssertEqual(filters.category, .quotaExceeded)
        XCTAssertEqual(filters.code, "quota_exceeded")

        XCTAssertNoThrow(try quotas.checkStoredBytes(account: account, current: 1 << 29, adding: 1 << 29))
        XCTAssertThrowsQuotaError(
            try quotas.checkStoredBytes(account: account, current: 1 << 29, adding: (1 << 29) + 1),
            .quotaExceeded(limit: .storedBytes, used: 1 << 29, allowed: 1 << 30, requested: (1 << 29) + 1, plan: "free", upgradeTo: "premium"))
        XCTAssertEqual(try quotas.retention(account: account), 86_400)
    }

    func testBrokenProbeValuesAndUnknownAccountsAreTypedErrors() throws {
        let account = try makeAccount()
        XCTAssertThrowsQuotaError(try quotas.checkImage(account: account, width: 0, height: 10), .invalidMeasurement(name: "width", value: 0))
        XCTAssertThrowsQuotaError(try quotas.checkVideo(account: account, frames: -1, width: 10, height: 10), .invalidMeasurement(name: "frames", value: -1))
        // Absurd sizes saturate instead of overflowing.
        XCTAssertThrowsQuotaError(
            try quotas.checkImage(account: account, width: 1000, height: .max),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: .max, plan: "free", upgradeTo: nil))
        XCTAssertThrowsQuotaError(try quotas.limits(for: "acct_missing"), .unknownAccount("acct_missing"))
        XCTAssertThrowsQuotaError(try quotas.checkImage(account: "acct_missing", width: 1, height: 1), .unknownAccount("acct_missing"))
    }

    func testProblemDetailsCarryTheLimitTheValuesAndTheUpgrade() throws {
        let error = QuotaError.planLimit(limit: .imageLongSide, allowed: 1024, requested: 3000, plan: "free", upgradeTo: "premium")
        XCTAssertEqual(error.category, .invalid)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(
            String(decoding: try encoder.encode(error.problem), as: UTF8.self),
            #"{"allowed":1024,"code":"plan_limit","limit":"image_long_side","plan":"free","requested":3000,"upgrade_to":"premium"}"#)
        XCTAssertTrue(error.description.contains("premium"), error.description)
        let exhausted = QuotaError.quotaExceeded(limit: .monthlyFrames, used: 500, allowed: 500, requested: 1, plan: "free", upgradeTo: nil)
        XCTAssertEqual(
            String(decoding: try encoder.encode(exhausted.problem), as: UTF8.self),
            #"{"allowed":500,"code":"quota_exceeded","limit":"monthly_frames","plan":"free","requested":1,"used":500}"#)
    }
}
