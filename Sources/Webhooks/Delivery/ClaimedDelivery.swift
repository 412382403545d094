/// A delivery a dispatcher thread took for one attempt, with what it needs to send it.
struct ClaimedDelivery: Sendable {
    let id: String
    let url: String
    let secret: String
    let payload: [UInt8]
    /// Attempts including this one; recording the outcome checks it, so a stale attempt whose
    /// lease passed cannot overwrite a newer one.
    let attempt: Int
}
