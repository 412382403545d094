/// A route path such as `/v1/filters/{id}`: literal segments and `{name}` parameters (`:name` works too).
public struct RoutePattern: Sendable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]
    public let description: String

    public init(_ path: String) {
        description = path
        segments = path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            if part.hasPrefix(":"), part.count > 1 { return .parameter(String(part.dropFirst())) }
            return .literal(String(part))
        }
    }

    var isLiteral: Bool { !segments.contains { if case .parameter = $0 { return true } else { return false } } }

    /// The path the pattern matches when it has no parameters, normalised to one leading slash.
    var literalPath: String {
        "/" + segments.map { if case .literal(let s) = $0 { return s } else { return "" } }.joined(separator: "/")
    }

    /// Literal segments outrank parameters at the same position.
    var specificity: [Int] { segments.map { if case .literal = $0 { return 1 } else { return 0 } } }

    /// Matches split path segments, returning decoded parameters, or nil.
    func match(_ parts: [Substring]) -> Parameters? {
        guard parts.count == segments.count else { return nil }
        var parameters = Parameters()
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                guard part == text else { return nil }
            case .parameter(let name):
                guard let value = PercentDecoding.decode(part), !value.isEmpty else { return nil }
                parameters.append(name: name, value: value)
            }
        }
        return parameters
    }
}
