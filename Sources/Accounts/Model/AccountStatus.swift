/// Whether an account may use the service. Suspension is an operator action and takes effect on
/// the next request (within the authenticator's cache TTL for other processes).
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active
    case suspended
}
