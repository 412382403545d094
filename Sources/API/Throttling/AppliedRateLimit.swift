import HTTPServer
import Quotas

/// The context key under which the request's rate-limit decision travels, so that a request
/// admitted by `UploadAdmission` (which already took its token) is not charged twice and the
/// handler may read what is left.
public enum AppliedRateLimit: RequestContextKey {
    public typealias Value = RateLimitDecision
}
