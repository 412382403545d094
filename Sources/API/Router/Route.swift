/// A request handler: returns a response or throws (`HTTPError` for a chosen status, anything else is a 500).
public typealias Handler = @Sendable (Request) throws -> Response

/// How a route runs.
public struct RouteOptions: Sendable {
    public enum Execution: Sendable {
        /// On the I/O thread, for cheap handlers that never block (no disk, no database, no locks held long).
        case inline
        /// On the worker pool (the default), for handlers that may block.
        case worker
    }

    public var execution: Execution
    /// Request body limit for this route; nil uses `HTTPLimits.maxBodyBytes`.
    public var maxBodyBytes: Int64?
    /// Decides from the head alone, before any body byte is read, whether this request may send its
    /// body and how large it may be (e.g. the account's plan limit for uploads). Runs on a worker
    /// thread. Throwing answers with that error and the body is never read, so a client waiting on
    /// `Expect: 100-continue` never sends it. The returned limit replaces `maxBodyBytes`.
    public var admitBody: (@Sendable (Request) throws -> BodyAdmission)?

    public init(
        execution: Execution = .worker, maxBodyBytes: Int64? = nil,
        admitBody: (@Sendable (Request) throws -> BodyAdmission)? = nil
    ) {
        self.execution = execution
        self.maxBodyBytes = maxBodyBytes
        self.admitBody = admitBody
    }

    public static let `default` = RouteOptions()
    public static let inline = RouteOptions(execution: .inline)
}

/// A registered route.
public struct Route: Sendable {
    public let method: HTTPMethod
    public let pattern: RoutePattern
    public let options: RouteOptions
    let middleware: [any Middleware]
    let handler: Handler

    /// Runs the route's middleware chain and then its handler.
    func run(_ request: Request) throws -> Response {
        if middleware.isEmpty { return try handler(request) }
        return try Self.invoke(middleware[...], handler, request)
    }

    private static func invoke(_ chain: ArraySlice<any Middleware>, _ handler: Handler, _ request: Request) throws -> Response {
        guard let first = chain.first else { return try handler(request) }
        return try first.respond(to: request) { next in try invoke(chain.dropFirst(), handler, next) }
    }
}
