import Foundation

/// Reading and writing limit values the way operators type them: plain integers, `25MiB`/`1GB`
/// for bytes, `24h`/`30d` for seconds, `16M`/`1k` multipliers for counts.
public enum LimitValue {
    /// Values stay within JSON's exact integer range so every client reads them unchanged.
    public static let maximum: Int64 = 9_007_199_254_740_991

    /// Parses `text` as a value of `limit`.
    ///
    /// - Throws: `QuotaError.invalidLimitValue` for empty, negative, fractional, non-numeric,
    ///   badly suffixed or too large values.
    public static func parse(_ text: String, for limit: LimitName) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func invalid(_ reason: String) -> QuotaError {
            QuotaError.invalidLimitValue(limit: limit, value: text, reason: reason)
        }
        guard !trimmed.isEmpty else { throw invalid("empty value") }
        if trimmed.hasPrefix("-") { throw invalid("must not be negative") }
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        let suffix = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, let number = Int64(digits) else {
            throw invalid(digits.isEmpty ? "not a whole number" : "too large")
        }
        guard let multiplier = multipliers(for: limit.unit)[suffix.lowercased()] else {
            let accepted = multipliers(for: limit.unit).keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
            throw invalid(suffix.contains(".") ? "not a whole number" : "unknown suffix \"\(suffix)\" (accepted: \(accepted))")
        }
        let (value, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow, value <= maximum else { throw invalid("larger than \(maximum)") }
        return value
    }

    /// A value for people: `26214400` bytes is `25 MiB`, `86400` seconds is `1d`.
    public static func format(_ value: Int64, for limit: LimitName) -> String {
        let units: [(String, Int64)]
        switch limit.unit {
        case .bytes: units = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        case .seconds: units = [("d", 86_400), ("h", 3_600), ("m", 60)]
        default: return String(value)
        }
        for (name, size) in units where value >= size && value % size == 0 {
            return "\(value / size) \(name)"
        }
        return limit.unit == .seconds ? "\(value) s" : "\(value) B"
    }

    private static func multipliers(for unit: LimitUnit) -> [String: Int64] {
        switch unit {
        case .bytes:
            ["": 1, "b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000,
             "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40]
        case .seconds:
            ["": 1, "s": 1, "m": 60, "h": 3_600, "d": 86_400]
        default:
            ["": 1, "k": 1_000, "m": 1_000_000]
        }
    }
}
