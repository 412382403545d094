import Foundation

/// Wall-clock time as whole Unix milliseconds, the unit of every time in the jobs tables.
enum Milliseconds {
    static var now: Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func from(_ interval: TimeInterval) -> Int64 {
        Int64((interval * 1000).rounded())
    }

    static func of(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
