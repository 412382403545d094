/// A request handler: returns a response or throws (`HTTPError` for a chosen status, anything else is a 500).
public typealias Handler = @Sendable (Request) throws -> Response

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
