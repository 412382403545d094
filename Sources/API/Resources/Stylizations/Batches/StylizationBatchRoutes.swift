import Foundation
import HTTPServer
import Jobs
import Stylizations

/// `POST /v1/stylizations/batch`, `GET /v1/stylizations/batches/{id}`,
/// `POST /v1/stylizations/batches/{id}/cancel`. Scoped to the caller's account: another
/// tenant's batch is a 404 exactly like a missing one.
enum StylizationBatchRoutes {
    /// A batch names assets and filters by id: a few kilobytes even at the largest size.
    static let blocking = RouteOptions(execution: .worker, maxBodyBytes: 64 * 1024)

    static func register(on router: inout Router, service: StylizationService) {
        router.post("/stylizations/batch", options: blocking) { request in
            let principal = try request.principal(requiring: StylizationRoutes.writeScope)
            let account = principal.accountID.rawValue
            let body = try request.body.collect()
            guard let key = request.headers["idempotency-key"] else {
                return try create(body, contentType: request.headers["content-type"], account: account, service: service)
            }
            let hash = IdempotencyStore.requestHash(method: "POST", path: request.path, body: body)
            switch try service.idempotency.begin(account: account, key: key, requestHash: hash) {
            case .replay(let status, let bytes, let location):
                return replay(status: status, body: bytes, location: location)
            case .proceed:
                break
            }
            let response: Response
            do {
                response = try create(body, contentType: request.headers["content-type"], account: account, service: service)
            } catch {
                let problem = (error as? HTTPError) ?? (error as? any HTTPErrorConvertible)?.httpError
                if let problem, problem.status.code < 500, problem.headers["Retry-After"] == nil {
                    let rendered = Response.problem(problem)
                    let bytes: [UInt8] = if case .bytes(let bytes) = rendered.body { bytes } else { [] }
                    try service.idempotency.finish(account: account, key: key, status: problem.status.code, body: bytes, location: nil)
                } else {
                    // A retry may succeed (busy, concurrency): free the key.
                    try? service.idempotency.abandon(account: account, key: key)
                }
                throw error
            }
            let bytes: [UInt8] = if case .bytes(let bytes) = response.body { bytes } else { [] }
            try service.idempotency.finish(
                account: account, key: key, status: response.status.code, body: bytes, location: response.headers["Location"])
            return response
        }

        router.get("/stylizations/batches/{id}", options: blocking) { request in
            let principal = try request.principal(requiring: StylizationRoutes.readScope)
            let batch = try service.batch(try request.parameters.require("id"), account: principal.accountID.rawValue)
            var headers = HTTPHeaders()
            if !batch.isComplete { headers.add("Retry-After", "2") }
            return .json(StylizationBatchResource(batch), headers: headers)
        }

        router.post("/stylizations/batches/{id}/cancel", options: blocking) { request in
            let principal = try request.principal(requiring: StylizationRoutes.writeScope)
            let batch = try service.cancelBatch(try request.parameters.require("id"), account: principal.accountID.rawValue)
            return .json(StylizationBatchResource(batch))
        }
    }

    /// Parses, prepares every item (a refusal names its item) and submits them as one: 202.
    private static func create(_ body: [UInt8], contentType: String?, account: String, service: StylizationService) throws -> Response {
        let parsed = try BatchRequest(json: body, contentType: contentType)
        let prepared = try parsed.items.enumerated().map { index, item in
            try BatchRequest.naming(index, parsed.shape) { try service.prepare(item, account: account) }
        }
        let batch: StylizationBatch
        do {
            batch = try service.createBatch(prepared, account: account)
        } catch let refused as JobBatchItemError {
            throw BatchRequest.rename(refused, index: refused.index, shape: parsed.shape)
        }
        return .json(StylizationBatchResource(batch), status: .accepted,
                     headers: ["Location": StylizationBatchResource.path(batch.id), "Retry-After": "2"])
    }

    private static func replay(status: Int, body: [UInt8], location: String?) -> Response {
        var headers = HTTPHeaders()
        headers.add("Content-Type", status >= 400 ? "application/problem+json" : "application/json; charset=utf-8")
        if let location { headers.add("Location", location) }
        if status == 202 { headers.add("Retry-After", "2") }
        headers.add("Idempotent-Replayed", "true")
        return Response(status: HTTPStatus(code: status), headers: headers, body: .bytes(body))
    }
}
