import Foundation
import HTTPServer
import Jobs
import Stylizations
import Webhooks

/// `POST/GET /v1/stylizations`, `GET /v1/stylizations/{id}`, `GET /v1/stylizations/{id}/result`,
/// `POST /v1/stylizations/{id}/cancel`. Every lookup is scoped to the caller's account: another
/// tenant's stylization is a 404 exactly like a missing one.
enum StylizationRoutes {
    static let readScope = "stylizations:read"
    static let writeScope = "stylizations:write"
    static let bodyLimit: Int64 = 64 * 1024

    /// Handlers touch SQLite and may render an image: always on the worker pool.
    static let blocking = RouteOptions(execution: .worker, maxBodyBytes: bodyLimit)

    /// `POST /v1/stylizations`: a JSON body is small; a multipart one carries the content itself
    /// and is admitted like any upload, against the caller's plan (`uploads`), before it is read.
    static func createOptions(uploads: UploadAdmission?, fallbackUploadBytes: Int64) -> RouteOptions {
        RouteOptions(execution: .worker, maxBodyBytes: bodyLimit) { request in
            guard StylizationSubmission.isMultipart(request) else { return BodyAdmission(maxBodyBytes: bodyLimit) }
            return try uploads?.admit(request, requiring: writeScope) ?? BodyAdmission(maxBodyBytes: fallbackUploadBytes)
        }
    }

    static func register(on router: inout Router, service: StylizationService, createOptions: RouteOptions, uploadDirectory: URL,
                         fetcher: RemoteFetcher = RemoteFetcher()) {
        let sources = ContentSources(uploadDirectory: uploadDirectory, fetcher: fetcher)
        router.post("/stylizations", options: createOptions) { request in
            let principal = try request.principal(requiring: writeScope)
            let account = principal.accountID.rawValue
            let submission = try StylizationSubmission.receive(request, uploadDirectory: uploadDirectory)
            defer { submission.discard() }
            guard let key = request.headers["idempotency-key"] else {
                return try create(submission, account: account, service: service, sources: sources)
            }
            switch try service.idempotency.begin(account: account, key: key, requestHash: submission.requestHash) {
            case .replay(let status, let bytes, let location):
                return replay(status: status, body: bytes, location: location)
            case .proceed:
                break
            }
            let response: Response
            do {
                response = try create(submission, account: account, service: service, sources: sources)
            } catch {
                let problem = (error as? HTTPError) ?? (error as? any HTTPErrorConvertible)?.httpError
                if let problem, problem.status.code < 500, problem.headers["Retry-After"] == nil {
                    let rendered = Response.problem(problem)
                    try service.idempotency.finish(
                        account: account, key: key, status: problem.status.code, body: rendered.replayableBytes, location: nil)
                } else {
                    // A retry may succeed (busy, shutting down, concurrency): free the key.
                    try? service.idempotency.abandon(account: account, key: key)
                }
                throw error
            }
            try service.idempotency.finish(
                account: account, key: key, status: response.status.code, body: response.replayableBytes,
                location: response.headers["Location"])
            return response
        }

        router.get("/stylizations", options: blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let page = try PageRequest(request)
            let found = try service.list(account: principal.accountID.rawValue, limit: page.limit, startingAfter: page.startingAfter)
            return .json(ListPage(data: found.items.map(StylizationResource.init), hasMore: found.hasMore))
        }

        router.get("/stylizations/{id}", options: blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let found = try service.get(try request.parameters.require("id"), account: principal.accountID.rawValue)
            var headers = HTTPHeaders()
            if !found.job.status.isTerminal { headers.add("Retry-After", "1") }
            return .json(StylizationResource(found), headers: headers)
        }

        router.get("/stylizations/{id}/result", options: blocking) { request in
            let principal = try request.principal(requiring: readScope)
            let result = try service.result(try request.parameters.require("id"), account: principal.accountID.rawValue)
            // Results never change once written, so clients may keep them, until they expire.
            return .blob(result.file, cacheControl: "private, max-age=\(result.maxAge)")
        }

        router.post("/stylizations/{id}/cancel", options: blocking) { request in
            let principal = try request.principal(requiring: writeScope)
            let canceled = try service.cancel(try request.parameters.require("id"), account: principal.accountID.rawValue)
            return .json(StylizationResource(canceled))
        }
    }

    /// Parses, creates and renders: 201 with the finished stylization, 202 while it runs.
    private static func create(_ submission: StylizationSubmission, account: String, service: StylizationService,
                               sources: ContentSources) throws -> Response {
        let parsed = try submission.parse()
        let created: Stylization
        if let url = parsed.contentURL {
            created = try sources.create(parsed, from: url, account: account, service: service)
        } else if let upload = submission.upload {
            created = try service.create(parsed, inlineContent: upload.file, fileName: upload.fileName, account: account)
        } else {
            created = try service.create(parsed, account: account)
        }
        let location = StylizationResource.path(created.job.id)
        var headers: HTTPHeaders = ["Location": location]
        if created.job.status.isTerminal {
            return .json(StylizationResource(created), status: .created, headers: headers)
        }
        headers.add("Retry-After", "1")
        return .json(StylizationResource(created), status: .accepted, headers: headers)
    }

    private static func replay(status: Int, body: [UInt8], location: String?) -> Response {
        var headers = HTTPHeaders()
        let isProblem = status >= 400
        headers.add("Content-Type", isProblem ? "application/problem+json" : "application/json; charset=utf-8")
        if let location { headers.add("Location", location) }
        if status == 202 { headers.add("Retry-After", "1") }
        headers.add("Idempotent-Replayed", "true")
        return Response(status: HTTPStatus(code: status), headers: headers, body: .bytes(body))
    }
}

private extension Response {
    /// The body to store for a replay; the stylization answers are always in memory.
    var replayableBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
}
