import Common
import Foundation

/// Wall-clock time as whole Unix milliseconds (`Date.unixMilliseconds`), the unit of every time
/// in the jobs tables.
enum Milliseconds {
    static var now: Int64 {
        Date().unixMilliseconds
    }

    static func from(_ interval: TimeInterval) -> Int64 {
        Int64((interval * 1000).rounded())
    }
}
