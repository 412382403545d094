import HTTPServer
import Inference
import Stylizations

/// The `model` field of `POST /v1/stylizations`: `"microast"` (the default) or `"adain"`.
/// Whether this server loaded it and the plan allows it is the service's check, after parsing.
extension StylizationRequest {
    /// - Throws: 422 `invalid_request` (param `model`) for anything but a known model's name.
    static func model(from value: Any?) throws -> ModelKind {
        guard let value else { return StylizationService.defaultModel }
        let names = ModelKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let name = value as? String, let kind = ModelKind(rawValue: name) else {
            throw HTTPError(.unprocessableContent, code: "invalid_request", detail: "model must be one of \(names).", param: "model")
        }
        return kind
    }
}
