/// How one delivery attempt ended, for metrics and `last_error`.
public enum AttemptOutcome: String, Sendable, CaseIterable {
    /// The receiver answered 2xx.
    case delivered
    /// The receiver answered another status.
    case httpError = "http_error"
    /// Connecting or the whole exchange took longer than allowed.
    case timeout
    /// The host resolved only to addresses the SSRF rule refuses (private, loopback, …).
    case refusedAddress = "refused_address"
    /// DNS, TCP or TLS failed.
    case connectionError = "connection_error"
}
