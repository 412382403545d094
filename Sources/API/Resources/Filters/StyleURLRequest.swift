import Foundation
import HTTPServer

/// The JSON form of `POST /v1/filters`: `{"name": "…", "style_url": "https://…"}`, a custom filter
/// made from a style image the server fetches (instead of the multipart `image` part).
struct StyleURLRequest {
    let name: String
    let styleURL: String

    static func isJSON(_ request: Request) -> Bool {
        let type = request.headers["content-type"]?.lowercased() ?? ""
        let essence = type.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return essence == "application/json" || essence.hasSuffix("+json")
    }

    /// - Throws: 400 `invalid_json`; 422 `missing_field` / `invalid_request` naming `name` or `style_url`.
    init(json bytes: [UInt8]) throws {
        guard !bytes.isEmpty, let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "invalid_json")
        }
        guard let rawURL = object["style_url"], !(rawURL is NSNull) else {
            throw HTTPError(
                .unprocessableContent, code: "missing_field",
                detail: "The field \"style_url\" is required in a JSON body (or send the image as multipart part \"image\").",
                param: "style_url")
        }
        guard let url = rawURL as? String, !url.isEmpty else {
            throw HTTPError(.unprocessableContent, code: "invalid_request", detail: "style_url must be an http or https URL.", param: "style_url")
        }
        guard let rawName = object["name"], !(rawName is NSNull) else {
            throw HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"name\" is required.", param: "name")
        }
        guard let name = rawName as? String else {
            throw HTTPError(.unprocessableContent, code: "invalid_request", detail: "name must be a string.", param: "name")
        }
        self.name = name
        styleURL = url
    }
}
