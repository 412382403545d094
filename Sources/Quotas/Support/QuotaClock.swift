import Foundation

/// The source of "now" for periods, leases, cache lifetimes and token buckets; injectable so tests
/// move time instead of sleeping.
public struct QuotaClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        read = now
    }

    public var now: Date { read() }

    /// The system clock.
    public static let system = QuotaClock { Date() }
}
