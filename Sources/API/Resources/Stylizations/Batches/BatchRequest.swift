import Foundation
import HTTPServer
import Jobs
import Stylizations

/// The body of `POST /v1/stylizations/batch`: either `contents` (asset ids) with one `filters`
/// set — many contents, one look — or one `content` with `filter_sets` (each a `filters` list) —
/// a preview sheet of one picture in many looks. Every other field is a stylization's own
/// (`strength`, `format`, `max_side`, …) and applies to each item. Each item is read by the
/// single stylization's parser, so a bad value names its item: `contents[3]`,
/// `filter_sets[1][0].id`.
struct BatchRequest {
    enum Shape {
        case contents
        case filterSets
    }

    let shape: Shape
    let items: [StylizationRequest]

    init(json bytes: [UInt8], contentType: String?) throws {
        if let contentType {
            let essence = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
            guard essence == "application/json" || essence.hasSuffix("+json") else {
                throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type", detail: "Send the body as application/json.")
            }
        }
        guard !bytes.isEmpty, var object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw HTTPError.badRequest("The body must be a JSON object.", code: "invalid_json")
        }
        let contents = object.removeValue(forKey: "contents").flatMap { $0 is NSNull ? nil : $0 }
        let filterSets = object.removeValue(forKey: "filter_sets").flatMap { $0 is NSNull ? nil : $0 }
        let limit = StylizationService.maxBatchItems
        let perItem: [[String: Any]]
        switch (contents, filterSets) {
        case (nil, nil):
            throw HTTPError(.unprocessableContent, code: "missing_field",
                            detail: "Give \"contents\" (asset ids, with \"filters\") or \"filter_sets\" (with one \"content\").",
                            param: "contents")
        case (.some, .some):
            throw Self.invalid("filter_sets", "cannot be combined with contents: a batch varies either the content or the filters")
        case (let list?, nil):
            guard let ids = list as? [Any], (1...limit).contains(ids.count) else {
                throw Self.invalid("contents", "must list 1 to \(limit) asset ids")
            }
            guard object["content"] == nil else { throw Self.invalid("content", "cannot be combined with contents") }
            shape = .contents
            perItem = ids.map { object.merging(["content": $0]) { $1 } }
        case (nil, let list?):
            guard let sets = list as? [Any], (1...limit).contains(sets.count) else {
                throw Self.invalid("filter_sets", "must list 1 to \(limit) filter lists")
            }
            guard object["filters"] == nil else { throw Self.invalid("filters", "cannot be combined with filter_sets") }
            shape = .filterSets
            perItem = sets.map { object.merging(["filters": $0]) { $1 } }
        }
        let shape = self.shape
        items = try perItem.enumerated().map { index, fields in
            try Self.naming(index, shape) {
                let item = try JSONSerialization.data(withJSONObject: fields)
                return try StylizationRequest(json: [UInt8](item), contentType: nil)
            }
        }
    }

    /// Runs `body` for item `index`, renaming the param of its refusal to the item's own.
    static func naming<T>(_ index: Int, _ shape: Shape, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw rename(error, index: index, shape: shape)
        }
    }

    /// The refusal of one item as the batch's: `content` → `contents[i]`, `filters…` →
    /// `filter_sets[i]…`; parameters every item shares keep their name.
    static func rename(_ error: any Error, index: Int, shape: Shape) -> any Error {
        let underlying = (error as? JobBatchItemError)?.underlying ?? error
        guard var problem = (underlying as? HTTPError) ?? (underlying as? any HTTPErrorConvertible)?.httpError,
              let param = problem.param else { return underlying }
        switch shape {
        case .contents where param == "content":
            problem.param = "contents[\(index)]"
        case .filterSets where param.hasPrefix("filters"):
            problem.param = "filter_sets[\(index)]" + param.dropFirst("filters".count)
        default:
            return underlying
        }
        problem.detail = problem.detail.map { "Item \(index): \($0)" }
        return problem
    }

    private static func invalid(_ param: String, _ rule: String) -> HTTPError {
        HTTPError(.unprocessableContent, code: "invalid_request", detail: "\(param) \(rule).", param: param)
    }
}
