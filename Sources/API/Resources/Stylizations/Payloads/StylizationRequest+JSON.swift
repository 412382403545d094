import Foundation
import HTTPServer
import Jobs
import Stylizations

/// The body of `POST /v1/stylizations`, checked field by field so each bad input names its `param`:
/// `{content | content_url, filters: [{id, weight}], strength, preserve_color, max_side, format, quality,
/// webhook_url, model}`, plus `mask` and `temporal_smoothing` (StylizationRequest+MaskJSON.swift).
extension StylizationRequest {
    /// - Parameter contentInline: the content comes as a file part of the same multipart request,
    ///   so the JSON must not name one (`content` is then empty until the caller sets it).
    /// - Throws: 415 for a non-JSON `Content-Type`, 400 `invalid_json`, 422 `missing_field` /
    ///   `invalid_field` / `invalid_request` naming the `param`.
    init(json bytes: [UInt8], contentType: String?, contentInline: Bool = false) throws {
        if let contentType {
            let essence = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
            guard essence == "application/json" || essence.hasSuffix("+json") else {
                throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type", detail: "Send the body as application/json.")
            }
        }
        guard !bytes.isEmpty, let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "invalid_json")
        }
        func present(_ name: String) -> Any? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            return value
        }
        func number(_ name: String) throws -> Double? {
            guard let value = present(name) else { return nil }
            guard let number = value as? NSNumber, !Self.isBoolean(number) else {
                throw Self.invalid(name, "must be a number")
            }
            return number.doubleValue
        }
        func integer(_ name: String) throws -> Int? {
            guard let value = try number(name) else { return nil }
            guard value.rounded() == value, abs(value) < 1e9 else { throw Self.invalid(name, "must be an integer") }
            return Int(value)
        }

        let contentURL = try Self.contentURL(from: present("content_url"), contentGiven: present("content") != nil, inline: contentInline)
        let content: String
        if contentURL != nil {
            content = ""
        } else if contentInline {
            guard present("content") == nil else {
                throw HTTPError(
                    .unprocessableContent, code: "invalid_request",
                    detail: "Send the content either as the \"content\" file part or as an asset id, not both.", param: "content")
            }
            content = ""
        } else {
            guard let raw = present("content") else {
                throw HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"content\" is required.", param: "content")
            }
            guard let contentID = raw as? String, !contentID.isEmpty else { throw Self.invalid("content", "must be an asset id") }
            content = contentID
        }

        // With a mask its regions name the filters (StylizationRequest+MaskJSON.swift).
        let masked = present("mask") != nil
        if masked, present("filters") != nil {
            throw Self.invalid("filters", "must be left out with a mask: its white and black regions name the filters")
        }
        guard let filterList = present("filters") ?? (masked ? [Any]() : nil) else {
            throw HTTPError(.unprocessableContent, code: "missing_field", detail: "The field \"filters\" is required.", param: "filters")
        }
        guard let entries = filterList as? [Any], masked || !entries.isEmpty, entries.count <= Self.maxFilters else {
            throw Self.invalid("filters", "must list 1 to \(Self.maxFilters) filters as {\"id\", \"weight\"}")
        }
        let filters = try entries.enumerated().map { index, entry in
            let param = "filters[\(index)]"
            let choice: (id: Any?, weight: Any?)
            if let id = entry as? String {
                choice = (id, nil)
            } else if let fields = entry as? [String: Any] {
                choice = (fields["id"], fields["weight"])
            } else {
                throw Self.invalid(param, "must be {\"id\", \"weight\"}")
            }
            guard let id = choice.id as? String, !id.isEmpty else { throw Self.invalid("\(param).id", "must be a filter id") }
            var weight = 1.0
            if let raw = choice.weight, !(raw is NSNull) {
                guard let number = raw as? NSNumber, !Self.isBoolean(number),
                      number.doubleValue.isFinite, number.doubleValue > 0 else {
                    throw Self.invalid("\(param).weight", "must be a positive number")
                }
                weight = number.doubleValue
            }
            return FilterChoice(id: id, weight: weight)
        }

        let strength = try number("strength") ?? 1
        guard strength.isFinite, (0...1).contains(strength) else { throw Self.invalid("strength", "must be from 0 to 1") }

        let preserveColor: Bool
        if let value = present("preserve_color") {
            guard let flag = value as? NSNumber, Self.isBoolean(flag) else {
                throw Self.invalid("preserve_color", "must be true or false")
            }
            preserveColor = flag.boolValue
        } else {
            preserveColor = false
        }

        let maxSide = try integer("max_side")
        if let maxSide, maxSide < 16 || maxSide > 16384 { throw Self.invalid("max_side", "must be from 16 to 16384") }

        let format: OutputFormat?
        if let value = present("format") {
            guard let name = value as? String, let parsed = OutputFormat(rawValue: name.lowercased()) else {
                throw Self.invalid("format", "must be one of jpeg, png, webp, mp4")
            }
            format = parsed
        } else {
            format = nil
        }

        let quality = try integer("quality")
        if let quality, !(1...100).contains(quality) { throw Self.invalid("quality", "must be from 1 to 100") }

        let webhookURL: String?
        if let value = present("webhook_url") {
            guard let url = value as? String, !url.isEmpty else {
                throw Self.invalid("webhook_url", "must be the URL of one of your webhook endpoints")
            }
            webhookURL = url
        } else {
            webhookURL = nil
        }
        self.init(content: content, filters: filters, strength: Float(strength), preserveColor: preserveColor,
                  maxSide: maxSide, format: format, quality: quality, webhookURL: webhookURL)
        model = try Self.model(from: present("model"))
        self.contentURL = contentURL
        mask = try Self.maskChoice(present("mask"), strength: Float(strength))
        temporalSmoothing = try Self.temporalSmoothing(present("temporal_smoothing"))
    }

    /// JSON `true`/`false` arrive as NSNumber too; only their type encoding (`c`, a C char) tells
    /// them from numbers (the parser never makes chars otherwise).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func invalid(_ param: String, _ rule: String) -> HTTPError {
        HTTPError(.unprocessableContent, code: "invalid_request", detail: "\(param) \(rule).", param: param)
    }
}
