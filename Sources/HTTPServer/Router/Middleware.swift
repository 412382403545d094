/// Code that wraps handlers: authentication, rate limiting, idempotency. It may answer on its own, or
/// call `next` (possibly with a changed request, e.g. with the account put in `context`).
public protocol Middleware: Sendable {
    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response
}
