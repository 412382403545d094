/// The answer of a route's `admitBody` check: how many body bytes this particular request may send,
/// and context (such as the authenticated account) to hand on to the handler.
public struct BodyAdmission: Sendable {
    public var maxBodyBytes: Int64
    public var context: RequestContext

    public init(maxBodyBytes: Int64, context: RequestContext = RequestContext()) {
        self.maxBodyBytes = maxBodyBytes
        self.context = context
    }
}
