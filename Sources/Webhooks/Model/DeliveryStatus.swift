/// Where a delivery stands: `pending` until a 2xx answer (`delivered`) or until the retry
/// schedule is exhausted (`failed`).
public enum DeliveryStatus: String, Sendable, CaseIterable {
    case pending
    case delivered
    case failed
}
