import Foundation
import HTTPServer
import Stylizations

/// The fields of issue #15's spatial control and steady video on `POST /v1/stylizations`,
/// decoded apart from the rest of the body so each stays small:
/// `mask: {asset_id, white: {filter_id, strength}, black: {filter_id, strength}}` and
/// `temporal_smoothing: 0..1`.
extension StylizationRequest {
    /// The `mask` object, or nil when the body has none (or `null`). A region without
    /// `strength` takes the request's `strength`.
    ///
    /// - Throws: 422 `invalid_request` naming the exact `param` (`mask`, `mask.asset_id`,
    ///   `mask.white`, `mask.white.filter_id`, `mask.black.strength`, …).
    static func maskChoice(_ value: Any?, strength: Float) throws -> MaskChoice? {
        guard let value, !(value is NSNull) else { return nil }
        guard let fields = value as? [String: Any] else {
            throw invalidField("mask", "must be an object {\"asset_id\", \"white\": {\"filter_id\", \"strength\"}, \"black\": {…}}")
        }
        if let unknown = fields.keys.sorted().first(where: { !["asset_id", "white", "black"].contains($0) }) {
            throw invalidField("mask.\(unknown)", "is not a field of mask (asset_id, white, black)")
        }
        guard let asset = fields["asset_id"], !(asset is NSNull) else { throw missingField("mask.asset_id") }
        guard let assetID = asset as? String, !assetID.isEmpty else { throw invalidField("mask.asset_id", "must be an asset id") }
        func region(_ name: String) throws -> MaskChoice.Region {
            let param = "mask.\(name)"
            guard let raw = fields[name], !(raw is NSNull) else { throw missingField(param) }
            guard let region = raw as? [String: Any] else { throw invalidField(param, "must be an object {\"filter_id\", \"strength\"}") }
            if let unknown = region.keys.sorted().first(where: { !["filter_id", "strength"].contains($0) }) {
                throw invalidField("\(param).\(unknown)", "is not a field of a mask region (filter_id, strength)")
            }
            guard let filter = region["filter_id"], !(filter is NSNull) else { throw missingField("\(param).filter_id") }
            guard let filterID = filter as? String, !filterID.isEmpty else { throw invalidField("\(param).filter_id", "must be a filter id") }
            var regionStrength = strength
            if let raw = region["strength"], !(raw is NSNull) {
                regionStrength = try unitNumber(raw, param: "\(param).strength")
            }
            return MaskChoice.Region(filterID: filterID, strength: regionStrength)
        }
        return MaskChoice(assetID: assetID, white: try region("white"), black: try region("black"))
    }

    /// `temporal_smoothing`, or nil when absent (or `null`).
    ///
    /// - Throws: 422 `invalid_request` (param `temporal_smoothing`) for a non-number or one outside 0...1.
    static func temporalSmoothing(_ value: Any?) throws -> Float? {
        guard let value, !(value is NSNull) else { return nil }
        return try unitNumber(value, param: "temporal_smoothing")
    }

    private static func unitNumber(_ value: Any, param: String) throws -> Float {
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
            throw invalidField(param, "must be a number from 0 to 1")
        }
        let double = number.doubleValue
        guard double.isFinite, (0...1).contains(double) else { throw invalidField(param, "must be from 0 to 1") }
        return Float(double)
    }

    private static func invalidField(_ param: String, _ rule: String) -> HTTPError {
        HTTPError(.unprocessableContent, code: "invalid_request", detail: "\(param) \(rule).", param: param)
    }

    private static func missingField(_ param: String) -> HTTPError {
        HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"\(param)\" is required.", param: param)
    }
}
