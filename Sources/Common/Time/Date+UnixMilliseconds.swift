import Foundation

extension Date {
    /// Whole Unix milliseconds (rounded down), the unit the tables store times in.
    public var unixMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The moment `unixMilliseconds` after the epoch.
    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(unixMilliseconds) / 1000)
    }
}
