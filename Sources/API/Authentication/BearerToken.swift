/// The token of an `Authorization: Bearer <token>` header. Only the header counts: tokens in
/// query strings or bodies end up in logs and browser histories, so they are never looked at.
public enum BearerToken {
    /// The token, or nil when the header is absent.
    ///
    /// - Throws: a 401 `malformed_authorization` problem when the header is present but is not a
    ///   single `Bearer` credential.
    public static func extract(from request: Request) throws -> String? {
        guard let header = request.headers["authorization"] else { return nil }
        let value = header.trimmingASCIISpaces()
        let scheme = "bearer "
        guard value.utf8.count > scheme.utf8.count,
            value.prefix(scheme.count).lowercased() == scheme
        else {
            throw HTTPError(
                .unauthorized, code: "malformed_authorization",
                detail: "The Authorization header must be \"Bearer <token>\".",
                headers: ["WWW-Authenticate": BearerChallenge.invalidToken])
        }
        let token = value.dropFirst(scheme.count).trimmingASCIISpaces()
        guard !token.isEmpty, !token.contains(" ") else {
            throw HTTPError(
                .unauthorized, code: "malformed_authorization",
                detail: "The Authorization header must be \"Bearer <token>\".",
                headers: ["WWW-Authenticate": BearerChallenge.invalidToken])
        }
        return String(token)
    }
}
