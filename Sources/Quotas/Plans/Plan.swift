import Foundation

/// A named set of limits (`free`, `premium`, or an operator's custom plan).
public struct Plan: Sendable, Hashable, Codable {
    /// The plan's name, as stored in `accounts.plan`.
    public let name: String
    /// A value for every limit name.
    public let limits: [LimitName: Int64]
    /// The style-transfer models the plan may use (`microast`, `adain`), sorted; nil: every
    /// model the server has loaded.
    public let models: [String]?

    public init(name: String, limits: [LimitName: Int64], models: [String]? = nil) {
        self.name = name
        self.limits = limits
        self.models = models?.sorted()
    }

    /// Whether the plan may use `model`.
    public func allows(model: String) -> Bool {
        models?.contains(model) ?? true
    }

    /// The plan's value of `limit`; a limit missing from the database counts as 0 (refuse rather
    /// than allow without bound).
    public subscript(limit: LimitName) -> Int64 {
        limits[limit] ?? 0
    }

    enum CodingKeys: String, CodingKey { case name, limits, models }

    /// `{"name": "free", "limits": {…}, "models": ["adain", "microast"]}` (`models` null: every model).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(LimitName.keyed(limits), forKey: .limits)
        try container.encode(models, forKey: .models)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        limits = try LimitName.unkeyed(container.decode([String: Int64].self, forKey: .limits))
        models = try container.decodeIfPresent([String].self, forKey: .models)?.sorted()
    }

    /// Whether `name` can name a plan: 1–32 of `a-z 0-9 _ -`, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLowercase, name.count <= 32 else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}

extension LimitName {
    /// A dictionary keyed by raw names, which JSON encodes as an object (enum keys would become an array).
    static func keyed<Value>(_ values: [LimitName: Value]) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    static func unkeyed<Value>(_ values: [String: Value]) throws -> [LimitName: Value] {
        var result: [LimitName: Value] = [:]
        for (key, value) in values {
            result[try LimitName.parse(key)] = value
        }
        return result
    }
}
