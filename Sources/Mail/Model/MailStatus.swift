/// Where an outbox message stands.
public enum MailStatus: String, Sendable, CaseIterable {
    /// Not yet sent; due at its next attempt time.
    case pending
    /// The sender took it.
    case sent
    /// Rejected for good, or every retry failed.
    case failed
}
