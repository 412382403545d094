import HTTPServer

/// The token of an `Authorization: Bearer <token>` header. Only the header counts: tokens in
/// query strings or bodies end up in logs and browser histories, so they are never looked at.
public enum BearerToken {
    /// The token, or nil when the header is absent.
    ///
    /// - Throws: a 401 `malformed_authorization` problem when the header is present but is not
    ///   exactly one `Bearer` credential.
    public static func extract(from request: Request) throws -> String? {
        guard let header = request.headers["authorization"] else { return nil }
        // Two credentials are ambiguous (a proxy may have honoured the other one): refuse both.
        guard request.headers.values(for: "authorization").count == 1 else { throw malformed }
        // Byte-wise: every authenticated request passes here, and Foundation's `contains` and
        // `lowercased()` on strings cost as much as the rest of authentication (perf, `/v1/me`).
        let value = header.trimmingASCIISpaces()
        guard let space = value.utf8.firstIndex(of: UInt8(ascii: " ")), value[..<space].equalsIgnoringASCIICase("bearer")
        else { throw malformed }
        let token = value[value.utf8.index(after: space)...].trimmingASCIISpaces()
        guard !token.isEmpty, !token.utf8.contains(UInt8(ascii: " ")) else { throw malformed }
        return String(token)
    }

    private static let malformed = HTTPError(
        .unauthorized, code: "malformed_authorization",
        detail: "Send exactly one Authorization header of the form \"Bearer <token>\".",
        headers: ["WWW-Authenticate": BearerChallenge.invalidToken])
}
