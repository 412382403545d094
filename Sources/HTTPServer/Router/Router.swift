/// Maps method + path to a handler. Build it before starting the server; it is a value, so the running
/// server keeps the copy it was given.
///
///     var router = Router()
///     router.get("/v1/me") { request in .json(me) }
///     router.group("/v1/admin", middleware: [AdminAuth()]) { admin in
///         admin.post("/plans/{id}") { request in ... }
///     }
public struct Router: Sendable {
    /// The outcome of routing one request.
    public enum Match: Sendable {
        case found(Route, Parameters)
        /// The path exists but not for this method; the list is what `Allow` should say.
        case methodNotAllowed([HTTPMethod])
        case notFound
    }

    private var literalRoutes: [String: [Route]] = [:]
    private var patternRoutes: [Route] = []
    private var prefix = ""
    private var middleware: [any Middleware] = []

    public init() {}

    /// Registers a handler for `method` at `path` (`{name}` segments become path parameters).
    public mutating func on(
        _ method: HTTPMethod, _ path: String, options: RouteOptions = .default, _ handler: @escaping Handler
    ) {
        let pattern = RoutePattern(prefix + path)
        let route = Route(method: method, pattern: pattern, options: options, middleware: middleware, handler: handler)
        if pattern.isLiteral {
            var routes = literalRoutes[pattern.literalPath, default: []]
            routes.removeAll { $0.method == method }
            routes.append(route)
            literalRoutes[pattern.literalPath] = routes
        } else {
            patternRoutes.removeAll { $0.method == method && $0.pattern.description == pattern.description }
            patternRoutes.append(route)
            // Stable sort: more literal segments first, so `/filters/gallery` beats `/filters/{id}`.
            patternRoutes.sort { $1.pattern.specificity.lexicographicallyPrecedes($0.pattern.specificity) }
        }
    }

    /// Adds middleware to every route registered after this call.
    public mutating func use(_ middleware: any Middleware) {
        self.middleware.append(middleware)
    }

    /// Registers routes under a path prefix with extra middleware.
    public mutating func group(_ prefix: String, middleware: [any Middleware] = [], _ build: (inout Router) -> Void) {
        var group = Router()
        group.prefix = self.prefix + prefix
        group.middleware = self.middleware + middleware
        build(&group)
        for routes in group.literalRoutes.values {
            for route in routes { add(route) }
        }
        for route in group.patternRoutes { add(route) }
    }

    private mutating func add(_ route: Route) {
        let saved = (prefix, middleware)
        prefix = ""
        middleware = route.middleware
        on(route.method, route.pattern.description, options: route.options, route.handler)
        (prefix, middleware) = saved
    }

    /// Whether any route exists for `method` at exactly `path` (as registered).
    public func hasRoute(_ method: HTTPMethod, _ path: String) -> Bool {
        let pattern = RoutePattern(path)
        if pattern.isLiteral { return literalRoutes[pattern.literalPath]?.contains { $0.method == method } ?? false }
        return patternRoutes.contains { $0.method == method && $0.pattern.description == pattern.description }
    }

    /// Finds the route for a request path (percent-encoded, without query). HEAD falls back to GET.
    /// Literal routes win over parameter routes; among those, more literal segments win. A path
    /// that is a literal route is its own resource: a method it does not serve is 405 with its
    /// own `Allow`, never a parameter route's (`POST /v1/stylizations/batch` does not make
    /// `GET /v1/stylizations/batch` the stylization named "batch").
    public func match(_ method: HTTPMethod, path: String) -> Match {
        var allowed: [HTTPMethod] = []
        if let routes = literalRoutes[path] {
            if let route = Self.pick(method, routes) { return .found(route, Parameters()) }
            allowed = routes.map(\.method)
        }
        if allowed.isEmpty {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            if allowed.isEmpty, let routes = literalRoutes["/" + parts.joined(separator: "/")] {
                // A non-canonical spelling (`/v1/me/`, `//v1/me`) of a literal route.
                if let route = Self.pick(method, routes) { return .found(route, Parameters()) }
                allowed = routes.map(\.method)
            }
            for route in patternRoutes {
                guard let parameters = route.pattern.match(parts) else { continue }
                if route.method == method { return .found(route, parameters) }
                if !allowed.contains(route.method) { allowed.append(route.method) }
            }
            if method == .head {
                for route in patternRoutes where route.method == .get {
                    if let parameters = route.pattern.match(parts) { return .found(route, parameters) }
                }
            }
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
        if !allowed.contains(.options) { allowed.append(.options) }
        return .methodNotAllowed(allowed)
    }

    private static func pick(_ method: HTTPMethod, _ routes: [Route]) -> Route? {
        if let route = routes.first(where: { $0.method == method }) { return route }
        if method == .head { return routes.first { $0.method == .get } }
        return nil
    }
}
