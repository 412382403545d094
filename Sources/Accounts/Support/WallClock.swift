import Foundation

/// The source of "now" for expiries, throttling and cache lifetimes; injectable so tests can
/// move time instead of sleeping.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        read = now
    }

    public var now: Date { read() }

    /// The system clock.
    public static let system = WallClock { Date() }
}
