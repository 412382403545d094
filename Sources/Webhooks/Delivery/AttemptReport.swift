/// What one attempt found out.
struct AttemptReport: Sendable {
    let outcome: AttemptOutcome
    let statusCode: Int?
    let error: String?
}
