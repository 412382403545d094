import Glibc

/// The `Date:` header line, rebuilt at most once a second per I/O thread.
struct DateCache {
    private var second: time_t = -1
    private(set) var line: [UInt8] = []

    mutating func refresh() {
        let current = time(nil)
        guard current != second else { return }
        second = current
        line = Array("Date: \(HTTPDate.format(epochSeconds: Int(current)))\r\n".utf8)
    }
}
