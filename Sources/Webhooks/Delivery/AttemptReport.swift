/// What one attempt found out; nil outcome: it was cut short by `stop()` and tells nothing.
struct AttemptReport: Sendable {
    static let abandoned = AttemptReport(outcome: nil, statusCode: nil, error: nil)

    let outcome: AttemptOutcome?
    let statusCode: Int?
    let error: String?
}
