import HTTPServer
import TestSupport
import XCTest

/// Route matching without sockets: parameters, precedence, methods, groups and middleware.
final class RouterTests: XCTestCase {
    private func request(_ method: HTTPMethod = .get, _ target: String) -> Request {
        Request(method: method, target: target)
    }

    func testPathParametersAreCapturedAndDecoded() throws {
        var router = Router()
        router.get("/v1/filters/{id}/versions/:version") { _ in .empty() }
        guard case .found(_, let parameters) = router.match(.get, path: "/v1/filters/flt_a%20b/versions/3") else {
            return XCTFail("no match")
        }
        XCTAssertEqual(parameters["id"], "flt_a b")
        XCTAssertEqual(parameters["version"], "3")
    }

    func testLiteralRouteBeatsParameterRoute() throws {
        var router = Router()
        router.get("/v1/filters/{id}") { _ in .text("param") }
        router.get("/v1/filters/gallery") { _ in .text("literal") }
        router.get("/v1/{kind}/gallery") { _ in .text("other") }
        guard case .found(let route, _) = router.match(.get, path: "/v1/filters/gallery") else { return XCTFail() }
        XCTAssertEqual(route.pattern.description, "/v1/filters/gallery")
        guard case .found(let paramRoute, let parameters) = router.match(.get, path: "/v1/filters/flt_1") else {
            return XCTFail()
        }
        XCTAssertEqual(paramRoute.pattern.description, "/v1/filters/{id}")
        XCTAssertEqual(parameters["id"], "flt_1")
    }

    func testALiteralPathIsItsOwnResourceForOtherMethods() {
        var router = Router()
        router.get("/v1/stylizations/{id}") { _ in .text("one") }
        router.post("/v1/stylizations/batch") { _ in .text("batch") }
        guard case .methodNotAllowed(let allowed) = router.match(.get, path: "/v1/stylizations/batch") else {
            return XCTFail("GET must not reach the stylization named batch")
        }
        XCTAssertEqual(allowed, [.post, .options])
        guard case .found(let route, let parameters) = router.match(.get, path: "/v1/stylizations/sty_1") else { return XCTFail() }
        XCTAssertEqual(route.pattern.description, "/v1/stylizations/{id}")
        XCTAssertEqual(parameters["id"], "sty_1")
    }

    func testWrongMethodListsAllowedMethodsAndUnknownPathIsNotFound() {
        var router = Router()
        router.get("/v1/me") { _ in .empty() }
        router.delete("/v1/me") { _ in .empty() }
        guard case .methodNotAllowed(let allowed) = router.match(.post, path: "/v1/me") else { return XCTFail() }
        XCTAssertEqual(allowed, [.get, .delete, .head, .options])
        guard case .notFound = router.match(.get, path: "/v1/you") else { return XCTFail() }
    }

    func testHeadFallsBackToGet() {
        var router = Router()
        router.get("/v1/assets/{id}") { _ in .empty() }
        guard case .found(let route, _) = router.match(.head, path: "/v1/assets/ast_1") else { return XCTFail() }
        XCTAssertEqual(route.method, .get)
    }

    func testGroupAppliesPrefixAndMiddlewareInOrder() throws {
        struct Tag: Middleware {
            let name: String
            func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
                var request = request
                request.context[Trail.self] = (request.context[Trail.self] ?? []) + [name]
                return try next(request)
            }
        }
        enum Trail: RequestContextKey { typealias Value = [String] }
        let register: (inout Router) -> Void = { router in
            router.use(Tag(name: "global"))
            router.group("/v1/admin", middleware: [Tag(name: "admin")]) { admin in
                admin.get("/plans/{id}") { request in
                    .text((request.context[Trail.self] ?? []).joined(separator: ">") + ":" + (request.parameters["id"] ?? ""))
                }
            }
            router.get("/v1/open") { request in .text((request.context[Trail.self] ?? []).joined(separator: ">")) }
        }
        var router = Router()
        register(&router)
        XCTAssertTrue(router.hasRoute(.get, "/v1/admin/plans/{id}"))
        let server = try TestServer.serving(register)
        defer { server.stop() }
        let client = URLSessionClient()
        XCTAssertEqual(try client.get(server.baseURL + "/v1/admin/plans/free").text, "global>admin:free")
        XCTAssertEqual(try client.get(server.baseURL + "/v1/open").text, "global")
    }

    func testMiddlewareCanShortCircuitOverTheWire() throws {
        struct RequireKey: Middleware {
            func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
                guard request.headers["authorization"] == "Bearer sk_test" else {
                    throw HTTPError(.unauthorized, code: "unauthenticated", detail: "A valid API key is required.")
                }
                return try next(request)
            }
        }
        let server = try TestServer.serving { router in
            router.group("/v1", middleware: [RequireKey()]) { v1 in
                v1.get("/me") { _ in .json(["id": "acct_1"]) }
            }
        }
        defer { server.stop() }
        let client = URLSessionClient()
        XCTAssertEqual(try client.get(server.baseURL + "/v1/me").status, 401)
        XCTAssertEqual(try client.get(server.baseURL + "/v1/me", headers: ["Authorization": "Bearer sk_test"]).text,
                       #"{"id":"acct_1"}"#)
    }

    func testQueryParametersAreDecoded() {
        let request = Request(method: .get, target: "/v1/filters?limit=5&starting_after=flt%5F1&q=a+b&flag")
        XCTAssertEqual(request.path, "/v1/filters")
        XCTAssertEqual(request.query("limit"), "5")
        XCTAssertEqual(request.query("starting_after"), "flt_1")
        XCTAssertEqual(request.query("q"), "a b")
        XCTAssertEqual(request.query("flag"), "")
        XCTAssertNil(request.query("missing"))
    }
}
