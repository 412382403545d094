import HTTPServer
import Stylizations

/// The `content_url` field of `POST /v1/stylizations`: the server fetches the content from it
/// (`RemoteUpload`) instead of reading an asset id or an inline upload; exactly one of the three.
extension StylizationRequest {
    /// - Throws: 422 `invalid_request` (param `content_url`) for a non-string or empty value, or
    ///   when `content` or an inline upload came too. The URL's own rules are checked when fetched.
    static func contentURL(from value: Any?, contentGiven: Bool, inline: Bool) throws -> String? {
        guard let value else { return nil }
        guard let url = value as? String, !url.isEmpty else {
            throw HTTPError(.unprocessableContent, code: "invalid_request", detail: "content_url must be an http or https URL.", param: "content_url")
        }
        if contentGiven || inline {
            throw HTTPError(
                .unprocessableContent, code: "invalid_request",
                detail: "Send the content as one of an asset id (\"content\"), an upload or \"content_url\", not several.", param: "content_url")
        }
        return url
    }
}
