import Common
import Foundation

/// Delivery times are stored as Unix milliseconds (`Date.unixMilliseconds`).
enum UnixMilliseconds {
    static func from(_ date: Date) -> Int64 {
        date.unixMilliseconds
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(unixMilliseconds: milliseconds)
    }
}
