import Foundation

/// A calendar month in UTC, the period monthly frames are counted in; written `YYYY-MM`.
public struct UsagePeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The month `date` falls in, in UTC.
    public init(containing date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month], from: date)
        year = parts.year!
        month = parts.month!
    }

    /// Parses `YYYY-MM` (years 1970–9999).
    ///
    /// - Throws: `QuotaError.invalidPeriod`.
    public init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1970...9999).contains(year), (1...12).contains(month)
        else { throw QuotaError.invalidPeriod(text) }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`, as stored and shown.
    public var description: String {
        // Not String(format:): this runs on every metered query and `GET /v1/me`, and Foundation's
        // formatter costs more than the query. Years have 4 digits (parsing checks 1970…9999).
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(monthText)"
    }

    /// The first instant of the month (UTC).
    public var start: Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: 1))!
    }

    /// The first instant of the next month: when the allowance renews.
    public var end: Date {
        Self.calendar.date(byAdding: .month, value: 1, to: start)!
    }

    public static func < (lhs: UsagePeriod, rhs: UsagePeriod) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
