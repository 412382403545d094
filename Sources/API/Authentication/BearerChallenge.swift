/// `WWW-Authenticate` values for 401 and 403 answers to bearer-token requests (RFC 6750 §3).
enum BearerChallenge {
    static let realm = #"Bearer realm="stylify""#
    /// No credentials were sent: name the scheme only, with no error code (RFC 6750 §3.1).
    static let missing = realm
    static let invalidToken = realm + #", error="invalid_token""#

    static func insufficientScope(_ scope: String) -> String {
        realm + #", error="insufficient_scope", scope="\#(scope)""#
    }
}
