/// Turns a request head into a plan (which handler, on which thread, with which body limit) and a
/// complete request into a response: middleware, error mapping, conditional requests and CORS.
/// Immutable after start, shared by every thread.
final class Responder: Sendable {
    struct Plan: Sendable {
        enum Action: Sendable {
            case route(Route)
            case staticFiles(StaticFiles)
            case respond(Response)
        }

        var action: Action
        var parameters: Parameters
        var execution: RouteOptions.Execution
        var maxBodyBytes: Int64
    }

    let router: Router
    let cors: CORSPolicy?
    let staticFiles: StaticFiles?
    let defaultBodyLimit: Int64
    let log: AccessLog

    init(router: Router, configuration: ServerConfiguration) {
        var router = router
        HealthRoutes.register(on: &router, checks: configuration.readinessChecks, role: configuration.role)
        self.router = router
        cors = configuration.cors
        staticFiles = configuration.webRoot.map(StaticFiles.init(root:))
        defaultBodyLimit = configuration.limits.maxBodyBytes
        log = configuration.accessLog
    }

    func plan(method: HTTPMethod, path: String, headers: HTTPHeaders) -> Plan {
        func immediate(_ response: Response) -> Plan {
            Plan(action: .respond(response), parameters: Parameters(), execution: .inline, maxBodyBytes: 0)
        }
        if method == .options, let cors, let origin = headers["origin"],
            let requested = headers["access-control-request-method"]
        {
            var methods: [HTTPMethod] = []
            if case .methodNotAllowed(let allowed) = router.match(.options, path: path) { methods = allowed }
            if case .found(let route, _) = router.match(.options, path: path) { methods = [route.method] }
            return immediate(cors.preflight(origin: origin, requestedMethod: requested, methods: methods))
        }
        if path == "*" {
            return immediate(.empty(headers: ["Allow": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"]))
        }
        switch router.match(method, path: path) {
        case .found(let route, let parameters):
            return Plan(
                action: .route(route), parameters: parameters, execution: route.options.execution,
                maxBodyBytes: route.options.maxBodyBytes ?? defaultBodyLimit)
        case .methodNotAllowed(let allowed):
            if method == .options {
                return immediate(.empty(headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")]))
            }
            return immediate(.problem(.methodNotAllowed(allowed: allowed)))
        case .notFound:
            if let staticFiles, method == .get || method == .head, !path.hasPrefix("/v1/") {
                return Plan(action: .staticFiles(staticFiles), parameters: Parameters(), execution: .worker, maxBodyBytes: 0)
            }
            return immediate(.problem(.notFound()))
        }
    }

    /// Runs the plan; never throws: errors become problem responses.
    func execute(_ plan: Plan, _ request: Request) -> Response {
        var response: Response
        switch plan.action {
        case .respond(let fixed):
            response = fixed
        case .route(let route):
            do {
                response = try route.run(request)
            } catch let error as HTTPError {
                response = .problem(error)
            } catch let error as HTTPErrorConvertible {
                let problem = error.httpError
                // The problem hides internals from the client; the operator still needs the cause.
                if problem.status.code >= 500 {
                    log.event(level: "error", "handler failed", [("request_id", request.requestID), ("error", "\(error)")])
                }
                response = .problem(problem)
            } catch {
                log.event(level: "error", "handler failed", [("request_id", request.requestID), ("error", "\(error)")])
                response = .problem(.internalError)
            }
            // Stored content is opened here, on the handler's thread, only once it is known what
            // (which range, or nothing for 304) goes out.
            response = response.applyingConditionals(for: request).openingContent(for: request.method)
        case .staticFiles(let files):
            do {
                response = try files.respond(to: request).applyingConditionals(for: request)
            } catch let error as HTTPError {
                response = .problem(error)
            } catch {
                response = .problem(.internalError)
            }
        }
        if let cors, let origin = request.headers["origin"] { cors.decorate(&response, origin: origin) }
        return response
    }

    /// A response for a request that failed before a handler could see it (parse errors, limits, timeouts).
    func failure(_ error: HTTPError, origin: String?) -> Response {
        var response = Response.problem(error)
        if let cors, let origin { cors.decorate(&response, origin: origin) }
        return response
    }
}
