/// The answer of a route's `admitBody` check: how many body bytes this particular request may send,
/// and context (such as the authenticated account) to hand on to the handler.
public struct BodyAdmission: Sendable {
    public var maxBodyBytes: Int64
    public var context: RequestContext
    /// The answer when the body passes `maxBodyBytes` (declared or while streaming), given the limit
    /// and the bytes declared or received so far; nil answers 413 `body_too_large`. Called on an
    /// I/O thread: it must not block (build what it needs during admission).
    public var tooLarge: (@Sendable (_ limit: Int64, _ received: Int64) -> HTTPError)?

    public init(
        maxBodyBytes: Int64, context: RequestContext = RequestContext(),
        tooLarge: (@Sendable (_ limit: Int64, _ received: Int64) -> HTTPError)? = nil
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.context = context
        self.tooLarge = tooLarge
    }
}
