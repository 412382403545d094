import Foundation

/// The source of "now" for expiries, periods, leases, throttling and cache lifetimes. Services
/// take one instead of calling `Date()`, so tests move time by hand (`ManualClock`) instead of
/// sleeping.
///
/// Modules that import `Common` see this `Clock` rather than the standard library's
/// (`ContinuousClock` and friends measure durations, not dates); spell that one
/// `_Concurrency.Clock` where both are needed.
public protocol Clock: Sendable {
    /// The current wall-clock time.
    var now: Date { get }
}

/// The system's wall clock.
public struct WallClock: Clock {
    public init() {}

    public var now: Date { Date() }
}

extension Clock where Self == WallClock {
    /// The system's wall clock: the default of every service that takes a clock.
    public static var system: WallClock { WallClock() }
}
