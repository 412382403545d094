/// The value of an extension member of a problem document: problem details carry names and
/// whole numbers (limits, byte counts, seconds), never nested objects.
public enum ProblemMember: Sendable, Equatable, Encodable {
    case string(String)
    case integer(Int64)
    /// A list of names (`"loaded": ["microast"]`).
    case strings([String])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .strings(let values): try container.encode(values)
        }
    }
}
