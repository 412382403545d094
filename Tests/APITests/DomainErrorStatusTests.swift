import API
import Accounts
import Common
import Filters
import HTTPServer
import Inference
import Jobs
import Quotas
import Storage
import Stylizations
import Webhooks
import XCTest

/// Every case of every domain error answers with the status Docs/Errors.md and the modules' docs
/// promise, and a retry hint becomes `Retry-After`. The expected statuses are written per case in
/// exhaustive switches, so a new case does not compile until its status is documented here.
final class DomainErrorStatusTests: XCTestCase {
    func testEveryCategoryHasTheDocumentedStatus() {
        let documented: [ErrorCategory: Int] = [
            .malformed: 400, .unauthenticated: 401, .quotaExceeded: 402, .forbidden: 403, .notFound: 404,
            .conflict: 409, .gone: 410, .tooLarge: 413, .unsupportedMediaType: 415, .invalid: 422,
            .rateLimited: 429, .internalFailure: 500, .unavailable: 503, .insufficientStorage: 507,
        ]
        XCTAssertEqual(Set(documented.keys), Set(ErrorCategory.allCases), "every category is in the table")
        for category in ErrorCategory.allCases {
            XCTAssertEqual(category.status.code, documented[category], "\(category)")
        }
    }

    func testAccountsErrors() {
        let samples: [AccountsError] = [
            .invalidEmail, .invalidPassword(minimum: 8, maximum: 128), .invalidName(maximum: 100), .invalidScope("x y"), .scopeNotHeld("*"),
            .emailTaken, .invalidCredentials, .tooManyAttempts(retryAfter: 30), .malformedToken, .invalidToken,
            .accountSuspended, .notFound(resource: "api_key"), .apiKeyLimitReached(limit: 20), .cryptoFailure,
            .incorrectPassword, .tokenMalformed(expectedPrefix: "rst_"), .tokenInvalid, .tokenExpired, .tokenUsed, .alreadyVerified,
            .tooManyRequests(retryAfter: 60), .storage(.busy), .storage(.randomSourceFailed),
        ]
        for error in samples {
            let status: Int = switch error {
            case .invalidEmail, .invalidPassword, .invalidName, .invalidScope, .tokenMalformed, .tokenInvalid: 422
            case .emailTaken, .apiKeyLimitReached, .tokenUsed, .alreadyVerified: 409
            case .tokenExpired: 410
            case .invalidCredentials, .malformedToken, .invalidToken: 401
            case .tooManyAttempts, .tooManyRequests: 429
            case .accountSuspended, .scopeNotHeld, .incorrectPassword: 403
            case .notFound: 404
            case .cryptoFailure: 500
            case .storage(.busy): 503
            case .storage: 500
            }
            assertRendered(error, status: status)
        }
        XCTAssertEqual(AccountsError.invalidToken.httpError.headers["WWW-Authenticate"], #"Bearer realm="stylify", error="invalid_token""#)
        XCTAssertNil(AccountsError.invalidCredentials.httpError.headers["WWW-Authenticate"], "a wrong password is no bearer token")
        XCTAssertEqual(AccountsError.tooManyAttempts(retryAfter: 30).httpError.headers["Retry-After"], "30")
    }

    func testStorageErrors() {
        for error: StorageError in [.busy, .constraintViolation(message: "UNIQUE"), .diskFull(path: "/data"), .sqlite(code: 1, message: "x")] {
            let status: Int = if case .busy = error { 503 } else { 500 }
            assertRendered(error, status: status)
            XCTAssertFalse(HTTPError(error).detail?.contains("/data") ?? true, "no paths in a client's detail")
        }
        for (error, seconds) in [(StorageError.blobStoreUnavailable(reason: "the S3 endpoint http://10.0.0.5:8333 cannot be reached"), "5"),
                                 (StorageError.blobStoreRefused(reason: "the S3 bucket is in region eu-west-1"), "30")] {
            assertRendered(error, status: 503)
            let rendered = HTTPError(error)
            XCTAssertEqual(rendered.headers["Retry-After"], seconds)
            XCTAssertFalse(rendered.detail?.contains("S3") ?? true, "the store's answers stay in the log")
        }
    }

    func testQuotaErrors() {
        let samples: [QuotaError] = [
            .planLimit(limit: .uploadBytes, allowed: 1, requested: 2, plan: "free", upgradeTo: "premium"),
            .planLimit(limit: .imageLongSide, allowed: 1024, requested: 3000, plan: "free", upgradeTo: nil),
            .quotaExceeded(limit: .monthlyFrames, used: 500, allowed: 500, requested: 1, plan: "free", upgradeTo: nil),
            .concurrencyLimit(allowed: 1, running: 1, plan: "free", upgradeTo: "premium"),
            .rateLimited(limit: 60, retryAfter: 7), .unknownAccount("acct_x"), .unknownPlan("gold"), .unknownLimit("colour"),
            .invalidLimitValue(limit: .imagePixels, value: "-1", reason: "negative"), .invalidPlanName("9"), .planExists("free"),
            .invalidPeriod("2026"), .invalidMeasurement(name: "width", value: 0), .reservationNotFound("res_x"),
            .emailUnverified(allowed: 10, used: 10, requested: 1), .storage(.busy), .storage(.readOnly(path: "/data")),
        ]
        for error in samples {
            assertRendered(error, status: Self.documentedStatus(error))
        }
        let refused = HTTPError(QuotaError.rateLimited(limit: 60, retryAfter: 7))
        XCTAssertEqual(refused.headers["Retry-After"], "7")
        XCTAssertEqual(refused.extensions["retry_after"], .integer(7))
        let exhausted = HTTPError(QuotaError.quotaExceeded(limit: .monthlyFrames, used: 500, allowed: 500, requested: 1, plan: "free", upgradeTo: nil))
        XCTAssertEqual(exhausted.extensions, [
            "limit": .string("monthly_frames"), "used": .integer(500), "allowed": .integer(500), "requested": .integer(1), "plan": .string("free"),
        ])
    }

    func testFiltersErrors() {
        let samples: [FiltersError] = [
            .notFound(resource: .filter, id: "flt_x"), .invalidName(reason: "empty"), .emptyFile, .unsupportedMediaType(detail: "GIF"),
            .corruptMedia(detail: "truncated"), .imageTooSmall(width: 8, height: 8, minimum: 64),
            .imageTooLarge(width: 1, height: 1, detail: "big"), .galleryFilterReadOnly(id: "flt_g"), .invalidLimit(0),
            .invalidCursor("x"), .modelUnavailable(.adain), .quota(.quotaExceeded(limit: .customFilters, used: 3, allowed: 3, requested: 1, plan: "free", upgradeTo: "premium")),
            .quota(.planLimit(limit: .uploadBytes, allowed: 1, requested: 2, plan: "free", upgradeTo: nil)), .diskFull, .storage(.busy),
            .storage(.blobNotFound(key: "k")), .internalFailure("encoder"),
        ]
        for error in samples {
            let status: Int = switch error {
            case .notFound: 404
            case .invalidName, .emptyFile, .corruptMedia, .imageTooSmall, .imageTooLarge, .modelUnavailable: 422
            case .unsupportedMediaType: 415
            case .galleryFilterReadOnly: 403
            case .invalidLimit, .invalidCursor: 400
            case .quota(let quota): Self.documentedStatus(quota)
            case .diskFull: 507
            case .storage(.busy): 503
            case .storage, .internalFailure: 500
            }
            assertRendered(error, status: status)
        }
        XCTAssertEqual(FiltersError.diskFull.httpError.headers["Retry-After"], "60")
        XCTAssertEqual(FiltersError.invalidName(reason: "empty").httpError.param, "name")
        let quota = QuotaError.quotaExceeded(limit: .customFilters, used: 3, allowed: 3, requested: 1, plan: "free", upgradeTo: "premium")
        XCTAssertEqual(FiltersError.quota(quota).httpError, quota.httpError, "a wrapped quota refusal renders as the refusal itself")
    }

    func testJobErrors() {
        let samples: [JobError] = [
            .notFound(JobID(rawValue: "sty_x")), .invalidRequest(param: "strength", detail: "must be between 0 and 1"),
            .invalidContent(detail: "not an image"), .contentTooSmall(detail: "8x8 px"), .notCancelable(JobID(rawValue: "sty_x"), status: .succeeded),
            .serviceStopped, .storage(.busy), .storage(.missingColumn("id")),
        ]
        for error in samples {
            let status: Int = switch error {
            case .notFound: 404
            case .invalidRequest, .invalidContent, .contentTooSmall: 422
            case .notCancelable: 409
            case .serviceStopped, .storage(.busy): 503
            case .storage: 500
            }
            assertRendered(error, status: status)
        }
        XCTAssertEqual(JobError.invalidContent(detail: "x").httpError.param, "content")
        XCTAssertEqual(JobError.invalidRequest(param: "quality", detail: "x").httpError.param, "quality")
        XCTAssertEqual(JobError.serviceStopped.httpError.headers["Retry-After"], "1")
    }

    func testWebhooksErrors() {
        let samples: [WebhooksError] = [
            .notFound(id: "whe_x"), .invalidURL(detail: "must be https"), .addressNotAllowed(host: "10.0.0.1"),
            .invalidEvents(detail: "empty"), .limitReached(limit: 16), .notRegistered(url: "https://example.com/h"),
            .invalidLimit(0), .invalidCursor("x"), .storage(.busy), .storage(.randomSourceFailed), .internalFailure("signer"),
        ]
        for error in samples {
            let status: Int = switch error {
            case .notFound: 404
            case .invalidURL, .addressNotAllowed, .invalidEvents, .notRegistered: 422
            case .limitReached: 409
            case .invalidLimit, .invalidCursor: 400
            case .storage(.busy): 503
            case .storage, .internalFailure: 500
            }
            assertRendered(error, status: status)
        }
        XCTAssertEqual(WebhooksError.limitReached(limit: 16).httpError.extensions, ["limit": .integer(16), "used": .integer(16)])
    }

    func testStylizationErrors() {
        let samples: [StylizationError] = [
            .unknownContent(id: "ast_x"), .unknownFilter(id: "flt_x", index: 2), .unknownFilter(id: "flt_y", index: nil),
            .formatMismatch(format: .mp4, contentKind: "image"), .notReady(status: .running), .resultExpired(JobID(rawValue: "sty_x")),
            .invalidCursor("sty_y"), .invalidIdempotencyKey, .idempotencyKeyReused, .idempotencyKeyInUse,
            .modelNotLoaded(.adain, loaded: [.microast]),
            .unknownMask(id: "ast_m"), .maskNotImage(id: "ast_v", kind: "video"), .unknownMaskFilter(id: "flt_z", region: "black"),
        ]
        for error in samples {
            let status: Int = switch error {
            case .unknownContent, .unknownFilter, .formatMismatch, .idempotencyKeyReused, .modelNotLoaded, .unknownMask, .maskNotImage, .unknownMaskFilter: 422
            case .notReady, .idempotencyKeyInUse: 409
            case .resultExpired: 410
            case .invalidCursor, .invalidIdempotencyKey: 400
            }
            assertRendered(error, status: status)
        }
        XCTAssertEqual(StylizationError.unknownFilter(id: "flt_x", index: 2).httpError.param, "filters[2].id")
        XCTAssertEqual(StylizationError.unknownFilter(id: "flt_x", index: nil).httpError.param, "filters")
        XCTAssertEqual(StylizationError.idempotencyKeyInUse.httpError.headers["Retry-After"], "1")
        let notLoaded = StylizationError.modelNotLoaded(.adain, loaded: [.microast]).httpError
        XCTAssertEqual(notLoaded.code, "model_not_loaded")
        XCTAssertEqual(notLoaded.param, "model")
        XCTAssertEqual(notLoaded.extensions["loaded"], .strings(["microast"]))
        XCTAssertEqual(StylizationError.unknownMask(id: "ast_m").httpError.param, "mask.asset_id")
        XCTAssertEqual(StylizationError.maskNotImage(id: "ast_v", kind: "video").httpError.code, "invalid_mask")
        XCTAssertEqual(StylizationError.unknownMaskFilter(id: "flt_z", region: "black").httpError.param, "mask.black.filter_id")
    }

    func testModelAndFetchRefusals() {
        let notInPlan = QuotaError.modelNotInPlan(model: "adain", plan: "free", allowed: ["microast"], upgradeTo: "premium")
        assertRendered(notInPlan, status: 403)
        XCTAssertEqual(notInPlan.httpError.extensions, [
            "plan": .string("free"), "upgrade_to": .string("premium"), "allowed_models": .strings(["microast"]),
        ])
        let samples: [RemoteFetchError] = [
            .invalidURL(param: "content_url", detail: "must use http or https, not ftp."),
            .addressNotAllowed(param: "content_url", host: "10.0.0.1"), .unresolvable(param: "style_url", host: "nowhere.invalid"),
            .unreachable(param: "content_url", detail: "refused"), .timedOut(param: "content_url", seconds: 2),
            .badStatus(param: "content_url", status: 404), .tooManyRedirects(param: "content_url", limit: 3),
            .notMedia(param: "content_url", contentType: "text/html"), .truncated(param: "content_url", received: 10, declared: 20),
            .tooLarge(param: "content_url", limit: 10, requested: 11), .internalFailure("curl"),
        ]
        for error in samples {
            let status: Int = switch error {
            case .tooLarge: 413
            case .internalFailure: 500
            default: 422
            }
            assertRendered(error, status: status)
        }
        XCTAssertEqual(RemoteFetchError.badStatus(param: "content_url", status: 404).httpError.extensions["upstream_status"], .integer(404))
    }

    private static func documentedStatus(_ error: QuotaError) -> Int {
        switch error {
        case .planLimit(let limit, _, _, _, _): limit == .uploadBytes ? 413 : 422
        case .quotaExceeded: 402
        case .concurrencyLimit, .rateLimited: 429
        case .unknownAccount, .unknownPlan, .reservationNotFound: 404
        case .unknownLimit, .invalidLimitValue, .invalidPlanName, .invalidPeriod, .invalidMeasurement: 422
        case .planExists: 409
        case .modelNotInPlan: 403
        case .invalidModels: 422
        case .emailUnverified: 403
        case .storage(.busy): 503
        case .storage: 500
        }
    }

    /// The rendered problem: the status, the error's own code/param/detail, and `Retry-After`
    /// exactly when the error has a retry hint.
    private func assertRendered(_ error: some DomainError & HTTPErrorConvertible, status: Int, file: StaticString = #filePath, line: UInt = #line) {
        let problem = error.httpError
        XCTAssertEqual(problem.status.code, status, "\(error)", file: file, line: line)
        XCTAssertEqual(problem.code, error.code, file: file, line: line)
        XCTAssertEqual(problem.param, error.param, file: file, line: line)
        XCTAssertEqual(problem.detail, error.detail, file: file, line: line)
        XCTAssertEqual(problem.headers["Retry-After"], error.retryAfter.map(String.init), "\(error)", file: file, line: line)
        if status >= 500 { XCTAssertTrue(["internal", "busy", "shutting_down", "insufficient_storage", "storage_unavailable"].contains(problem.code), "\(error)", file: file, line: line) }
    }
}
